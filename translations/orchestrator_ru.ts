<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AgentEditor</name>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="19"/>
        <source>Saved as version %1. Running runs keep theirs.</source>
        <translation>Сохранено как версия %1. Идущие запуски остаются на своей.</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="27"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="28"/>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="29"/>
        <source>Add agent</source>
        <translation>Добавить агента</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="30"/>
        <source>Remove agent</source>
        <translation>Удалить агента</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="31"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="32"/>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="33"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/AgentEditor.qml" line="38"/>
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n ошибка</numerusform>
            <numerusform>%n ошибки</numerusform>
            <numerusform>%n ошибок</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="44"/>
        <location filename="../ui/qml/AgentEditor.qml" line="45"/>
        <source>Graph files (*.json)</source>
        <translation>Файлы графа (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="135"/>
        <source>Edges</source>
        <translation>Рёбра</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="158"/>
        <source>Condition, e.g. tests.passed</source>
        <translation>Условие, например tests.passed</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="163"/>
        <source>Delete edge</source>
        <translation>Удалить ребро</translation>
    </message>
</context>
<context>
    <name>AgentFields</name>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="19"/>
        <source>Agent %1</source>
        <translation>Агент %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="23"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="28"/>
        <source>Prompt</source>
        <translation>Промпт</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="39"/>
        <source>Model profile</source>
        <translation>Профиль модели</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="48"/>
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="57"/>
        <source>Max turns</source>
        <translation>Макс. ходов</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="59"/>
        <source>Terminal</source>
        <translation>Завершающий</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="62"/>
        <source>Tools</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="78"/>
        <source>Hands off to</source>
        <translation>Передаёт работу</translation>
    </message>
</context>
<context>
    <name>BalancesView</name>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="19"/>
        <source>Spent: $%1</source>
        <translation>Потрачено: $%1</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="21"/>
        <source>Budget: $%1, left $%2</source>
        <translation>Бюджет: $%1, осталось $%2</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="22"/>
        <source>Budget: not limited</source>
        <translation>Бюджет: без ограничения</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/BalancesView.qml" line="24"/>
        <source>%n call(s) of unknown price</source>
        <translation>
            <numerusform>%n вызов с неизвестной ценой</numerusform>
            <numerusform>%n вызова с неизвестной ценой</numerusform>
            <numerusform>%n вызовов с неизвестной ценой</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="29"/>
        <source>Database: %1 MB (%2 MB free)</source>
        <translation>База данных: %1 МБ (свободно %2 МБ)</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="34"/>
        <source>Top up (USD)</source>
        <translation>Пополнить (USD)</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="46"/>
        <source>By day</source>
        <translation>По дням</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="47"/>
        <source>By agent</source>
        <translation>По агентам</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="48"/>
        <source>By model</source>
        <translation>По моделям</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="49"/>
        <source>By project</source>
        <translation>По проектам</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="87"/>
        <source>Nothing spent yet.</source>
        <translation>Пока ничего не потрачено.</translation>
    </message>
</context>
<context>
    <name>ConnectionBanner</name>
    <message>
        <location filename="../ui/qml/ConnectionBanner.qml" line="18"/>
        <source>Not connected to %1 — retrying. %2</source>
        <translation>Нет связи с %1 — пробуем снова. %2</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="34"/>
        <source>Run %1 — active: %2</source>
        <translation>Запуск %1 — работает: %2</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="35"/>
        <source>Graph version %1 (new runs use it)</source>
        <translation>Версия графа %1 (для новых запусков)</translation>
    </message>
</context>
<context>
    <name>InboxView</name>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="31"/>
        <source>Nothing waits for you.</source>
        <translation>Ничто не ждёт вашего ответа.</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="56"/>
        <source>approval</source>
        <translation>одобрение</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="56"/>
        <source>secret</source>
        <translation>секрет</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="56"/>
        <source>question</source>
        <translation>вопрос</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="57"/>
        <source>Open</source>
        <translation>Открыть</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="80"/>
        <source>The secret (kept in the vault, never shown to agents)</source>
        <translation>Секрет (хранится в хранилище, агенты его не видят)</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="80"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../ui/qml/InboxView.qml" line="86"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/qml/Main.qml" line="18"/>
        <source>Codegen Orchestrator</source>
        <translation>Codegen Orchestrator</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Projects</source>
        <translation>Проекты</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Project review</source>
        <translation>Обзор проекта</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Graph (live)</source>
        <translation>Граф (вживую)</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="38"/>
        <source>Agent editor</source>
        <translation>Редактор агентов</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Balances</source>
        <translation>Балансы</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="39"/>
        <source>Servers</source>
        <translation>Серверы</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="40"/>
        <source>Inbox (%1)</source>
        <translation>Входящие (%1)</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="40"/>
        <source>Inbox</source>
        <translation>Входящие</translation>
    </message>
</context>
<context>
    <name>ProjectReview</name>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="23"/>
        <source>Release %1 runs and passed its health check.</source>
        <translation>Версия %1 работает и прошла проверку здоровья.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="35"/>
        <source>Choose a project to review.</source>
        <translation>Выберите проект для обзора.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="40"/>
        <source>Status: %1</source>
        <translation>Статус: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="41"/>
        <source>Cost: $%1</source>
        <translation>Стоимость: $%1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="42"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="43"/>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="53"/>
        <source>Question: %1</source>
        <translation>Вопрос: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="66"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="66"/>
        <source>The secret (kept in the vault, never shown to agents)</source>
        <translation>Секрет (хранится в хранилище, агентам не показывается)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="69"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="83"/>
        <source>Ask for a change to this project, e.g. &quot;add a /weather route&quot;</source>
        <translation>Попросите изменить проект, например «добавь маршрут /weather»</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="87"/>
        <source>Ask for a change</source>
        <translation>Попросить изменение</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="93"/>
        <source>Redeploy</source>
        <translation>Развернуть заново</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="95"/>
        <source>Install and start the running release again</source>
        <translation>Заново установить и запустить работающую версию</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="100"/>
        <source>Roll back</source>
        <translation>Откатить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="102"/>
        <source>Put the release before it back</source>
        <translation>Вернуть предыдущую версию</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="136"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="137"/>
        <source>%1/%2 tokens</source>
        <translation>%1/%2 токенов</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="138"/>
        <source>cost unknown</source>
        <translation>цена неизвестна</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="140"/>
        <source>Fork from here</source>
        <translation>Ответвить отсюда</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="142"/>
        <source>Tools: %1</source>
        <translation>Инструменты: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="153"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="154"/>
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="155"/>
        <source>Git</source>
        <translation>Git</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="168"/>
        <source>The report appears when the run ends.</source>
        <translation>Отчёт появится, когда запуск закончится.</translation>
    </message>
</context>
<context>
    <name>ProjectsView</name>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="17"/>
        <source>Started.</source>
        <translation>Запущено.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="34"/>
        <source>Describe a new project…</source>
        <translation>Опишите новый проект…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="38"/>
        <source>Start</source>
        <comment>start a new project</comment>
        <translation>Начать</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="49"/>
        <source>Search projects</source>
        <translation>Поиск проектов</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="53"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="53"/>
        <source>Active</source>
        <translation>Активные</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="54"/>
        <source>Finished</source>
        <translation>Готовые</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="54"/>
        <source>Failed or stopped</source>
        <translation>Сбой или остановлены</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="63"/>
        <source>No projects yet.</source>
        <translation>Проектов пока нет.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="93"/>
        <source>up %1%</source>
        <translation>работает %1%</translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="17"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="27"/>
        <source>Search reports</source>
        <translation>Поиск отчётов</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="44"/>
        <source>Digest</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="44"/>
        <source>Run %1</source>
        <translation>Запуск %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="52"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="62"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="62"/>
        <source>Choose a report.</source>
        <translation>Выберите отчёт.</translation>
    </message>
</context>
<context>
    <name>ServersView</name>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="21"/>
        <source>Done: %1 %2</source>
        <translation>Готово: %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="35"/>
        <source>No servers: projects deploy to this machine.</source>
        <translation>Серверов нет: проекты разворачиваются на этой машине.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="36"/>
        <source>%1 server(s)</source>
        <translation>Серверов: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="68"/>
        <source>%1 of %2 MB free</source>
        <translation>свободно %1 из %2 МБ</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="70"/>
        <source>Check</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="70"/>
        <source>Read what it has and run the base role</source>
        <translation>Узнать, что на нём есть, и выполнить базовую роль</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="71"/>
        <source>Trust new key</source>
        <translation>Доверять новому ключу</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="72"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="75"/>
        <source>projects: %1</source>
        <translation>проекты: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="81"/>
        <source>Register a server</source>
        <translation>Добавить сервер</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="86"/>
        <source>Name, e.g. prod-1</source>
        <translation>Имя, например prod-1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="87"/>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="89"/>
        <source>User (root)</source>
        <translation>Пользователь (root)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="90"/>
        <source>SSH key&apos;s vault handle, server:NAME</source>
        <translation>Имя SSH-ключа в хранилище, server:NAME</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="94"/>
        <source>Register</source>
        <translation>Добавить</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="16"/>
        <source>%1 stored in the vault.</source>
        <translation>%1 сохранён в хранилище секретов.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="28"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="39"/>
        <source>Connected to a remote orchestratord at %1</source>
        <translation>Подключено к удалённому orchestratord: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="40"/>
        <source>In-process engine on %1</source>
        <translation>Встроенный движок, база %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="42"/>
        <source>Settings file: %1 (changes apply at the next start)</source>
        <translation>Файл настроек: %1 (изменения вступят в силу при следующем запуске)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="44"/>
        <source>Provider profiles</source>
        <translation>Профили провайдеров</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="55"/>
        <source>Base URL, e.g. https://api.openai.com/v1</source>
        <translation>Базовый URL, например https://api.openai.com/v1</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="62"/>
        <source>Key handle, e.g. key:openai</source>
        <translation>Имя ключа, например key:openai</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="67"/>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="69"/>
        <source>Store key</source>
        <translation>Сохранить ключ</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="77"/>
        <source>Telegram bot</source>
        <translation>Telegram-бот</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="81"/>
        <source>Token handle</source>
        <translation>Имя токена</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="84"/>
        <source>Bot token</source>
        <translation>Токен бота</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="86"/>
        <source>Store token</source>
        <translation>Сохранить токен</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="91"/>
        <source>Admins (user ids)</source>
        <translation>Админы (id пользователей)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="93"/>
        <source>Users (user ids)</source>
        <translation>Пользователи (id)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="98"/>
        <source>Save settings</source>
        <translation>Сохранить настройки</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="101"/>
        <source>User ids must be numbers.</source>
        <translation>Id пользователей должны быть числами.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="103"/>
        <source>Saved. Changes apply at the next start.</source>
        <translation>Сохранено. Изменения вступят в силу при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="104"/>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="109"/>
        <source>Problems the engine finds in the file:</source>
        <translation>Ошибки, найденные движком в файле:</translation>
    </message>
    <message>
        <source>Provider profiles (kind, base URL, model, API key), the Telegram bot token and its allow-list live in the settings file given with --config; keys and tokens are stored in the vault with “orchestratord secrets set”, never in the file.</source>
        <translation type="vanished">Профили провайдеров (тип, базовый URL, модель, ключ API), токен Telegram-бота и список разрешённых пользователей задаются в файле настроек (--config); ключи и токены хранятся в хранилище секретов («orchestratord secrets set»), а не в файле.</translation>
    </message>
</context>
<context>
    <name>orch::ui::GraphEditor</name>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="200"/>
        <source>Move agent</source>
        <translation>Переместить агента</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="214"/>
        <source>Add edge</source>
        <translation>Добавить ребро</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="224"/>
        <source>Remove edge</source>
        <translation>Удалить ребро</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="236"/>
        <source>Edit condition</source>
        <translation>Изменить условие</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="268"/>
        <source>Edit %1</source>
        <translation>Изменить %1</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="274"/>
        <source>Add tool</source>
        <translation>Добавить инструмент</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="274"/>
        <source>Remove tool</source>
        <translation>Убрать инструмент</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="279"/>
        <source>Edit handoffs</source>
        <translation>Изменить передачи</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="316"/>
        <source>Add agent</source>
        <translation>Добавить агента</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="340"/>
        <source>Remove agent</source>
        <translation>Удалить агента</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="111"/>
        <source>The graph has problems; fix them before saving.</source>
        <translation>В графе есть ошибки; исправьте их перед сохранением.</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="113"/>
        <source>Not connected.</source>
        <translation>Нет подключения.</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="139"/>
        <source>Cannot read %1: %2</source>
        <translation>Не удаётся прочитать %1: %2</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorEngine.cpp" line="150"/>
        <source>Import graph</source>
        <translation>Импорт графа</translation>
    </message>
</context>
<context>
    <name>orch::ui::ServersModel</name>
    <message>
        <location filename="../ui/models/ServersModel.cpp" line="45"/>
        <source>Not connected to an orchestrator</source>
        <translation>Нет соединения с оркестратором</translation>
    </message>
</context>
<context>
    <name>orch::ui::SettingsController</name>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="47"/>
        <source>%1 is not a JSON object; saving replaces it</source>
        <translation>%1 — не объект JSON; сохранение заменит его</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="145"/>
        <source>Secrets are stored on the server: use “orchestratord secrets set” there.</source>
        <translation>Секреты хранятся на сервере: используйте там «orchestratord secrets set».</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="147"/>
        <source>The value is empty.</source>
        <translation>Значение пустое.</translation>
    </message>
</context>
</TS>
