<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AgentEditor</name>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="75"/>
        <source>Saved as version %1. Running runs keep theirs.</source>
        <translation>Сохранено как версия %1. Идущие запуски остаются на своей.</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="95"/>
        <source>Undo</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="96"/>
        <source>Redo</source>
        <translation>Повторить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="99"/>
        <source>Add agent</source>
        <translation>Добавить агента</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="102"/>
        <source>Remove agent</source>
        <translation>Удалить агента</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="103"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="104"/>
        <source>Import…</source>
        <translation>Импорт…</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="105"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="115"/>
        <source>Lessons…</source>
        <translation>Уроки…</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="118"/>
        <source>What runs learned from their failures, given to the agents of later runs</source>
        <translation>Чему запуски научились на своих сбоях; это получают агенты следующих запусков</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="193"/>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Уменьшить (Ctrl+−)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="195"/>
        <source>Zoom in (Ctrl++)</source>
        <translation>Увеличить (Ctrl++)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="196"/>
        <source>Fit</source>
        <translation>Вписать</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="196"/>
        <source>The whole graph in view (Ctrl+0)</source>
        <translation>Весь граф в окне (Ctrl+0)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="108"/>
        <source>Arrange</source>
        <translation>Расставить</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="111"/>
        <source>Place every agent left to right from the entry (undo puts them back)</source>
        <translation>Расставить агентов слева направо от входа (отмена вернёт как было)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="122"/>
        <source>Hide panel</source>
        <translation>Скрыть панель</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="122"/>
        <source>Show panel</source>
        <translation>Показать панель</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="125"/>
        <source>The agent&apos;s properties and the edges, beside the canvas</source>
        <translation>Свойства агента и связи — рядом с холстом</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/AgentEditor.qml" line="130"/>
        <source>%n problem(s) to fix</source>
        <translation>
            <numerusform>%n ошибка</numerusform>
            <numerusform>%n ошибки</numerusform>
            <numerusform>%n ошибок</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="144"/>
        <location filename="../ui/qml/AgentEditor.qml" line="145"/>
        <source>Graph files (*.json)</source>
        <translation>Файлы графа (*.json)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentEditor.qml" line="313"/>
        <source>Click an agent to edit its properties.</source>
        <translation>Нажмите на агента, чтобы изменить его свойства.</translation>
    </message>
    <message>
        <source>Edges</source>
        <translation type="vanished">Рёбра</translation>
    </message>
    <message>
        <source>Condition, e.g. tests.passed</source>
        <translation type="vanished">Условие, например tests.passed</translation>
    </message>
    <message>
        <source>Delete edge</source>
        <translation type="vanished">Удалить ребро</translation>
    </message>
</context>
<context>
    <name>AgentFields</name>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="38"/>
        <source>Agent %1</source>
        <translation>Агент %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="46"/>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="124"/>
        <source>Prompt</source>
        <translation>Промпт</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="74"/>
        <source>Model profile</source>
        <translation>Профиль модели</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="51"/>
        <source>Shown on the graph</source>
        <translation>Показывается на графе</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="61"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="68"/>
        <source>LLM agent (built-in tool loop)</source>
        <translation>LLM-агент (встроенный цикл инструментов)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="69"/>
        <source>Coding agent CLI (Claude Code, Codex, …)</source>
        <translation>CLI кодинг-агента (Claude Code, Codex, …)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="87"/>
        <source>Temperature</source>
        <translation>Температура</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="96"/>
        <source>Max turns</source>
        <translation>Макс. ходов</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="101"/>
        <source>Ends the run</source>
        <translation>Завершает запуск</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="103"/>
        <source>Terminal</source>
        <translation>Завершающий</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="107"/>
        <source>When this agent finishes, the run is complete</source>
        <translation>Когда этот агент заканчивает, запуск завершён</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="125"/>
        <source>%1 characters</source>
        <translation>символов: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="154"/>
        <source>Shared rules: %1 (read-only, in place of its include line)</source>
        <translation>Общие правила: %1 (только чтение, вместо строки include)</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="174"/>
        <source>Tools</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <location filename="../ui/qml/AgentFields.qml" line="200"/>
        <source>Hands off to</source>
        <translation>Передаёт работу</translation>
    </message>
</context>
<context>
    <name>BalancesView</name>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="43"/>
        <source>Spent: $%1</source>
        <translation>Потрачено: $%1</translation>
    </message>
    <message>
        <source>Budget: $%1, left $%2</source>
        <translation type="vanished">Бюджет: $%1, осталось $%2</translation>
    </message>
    <message>
        <source>Budget: not limited</source>
        <translation type="vanished">Бюджет: без ограничения</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/BalancesView.qml" line="50"/>
        <source>%n call(s) of unknown price</source>
        <translation>
            <numerusform>%n вызов с неизвестной ценой</numerusform>
            <numerusform>%n вызова с неизвестной ценой</numerusform>
            <numerusform>%n вызовов с неизвестной ценой</numerusform>
        </translation>
    </message>
    <message>
        <source>Database: %1 MB (%2 MB free)</source>
        <translation type="vanished">База данных: %1 МБ (свободно %2 МБ)</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="54"/>
        <source>Top up (USD)</source>
        <translation>Пополнить (USD)</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="48"/>
        <source>+ $%1 simulated by the offline demo model (not spent, not budgeted)</source>
        <translation>+ $%1 — симуляция офлайн-демомодели (не потрачено, не входит в бюджет)</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="30"/>
        <source>Simulated</source>
        <translation>Симуляция</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="67"/>
        <source>Database: %1 MB on disk, %2 MB of it reusable</source>
        <translation>База данных: %1 МБ на диске, из них %2 МБ можно занять заново</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="68"/>
        <source>Database: %1 MB on disk</source>
        <translation>База данных: %1 МБ на диске</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="92"/>
        <source>By day</source>
        <translation>По дням</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="93"/>
        <source>By agent</source>
        <translation>По агентам</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="94"/>
        <source>By model</source>
        <translation>По моделям</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="95"/>
        <source>By project</source>
        <translation>По проектам</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="96"/>
        <source>Projects over time</source>
        <translation>Проекты по дням</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="29"/>
        <location filename="../ui/qml/BalancesView.qml" line="113"/>
        <source>Paid</source>
        <translation>Оплачено</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="114"/>
        <source>Simulated (offline demo model)</source>
        <translation>Симуляция (офлайн-демомодель)</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="126"/>
        <source>These bars include $%1 simulated by the offline demo model: not spent, not budgeted.</source>
        <translation>В эти столбцы входит $%1 симуляции офлайн-демомодели: не потрачено и не входит в бюджет.</translation>
    </message>
    <message>
        <location filename="../ui/qml/BalancesView.qml" line="131"/>
        <source>Nothing spent yet.</source>
        <translation>Пока ничего не потрачено.</translation>
    </message>
</context>
<context>
    <name>BudgetBar</name>
    <message>
        <source>$%1 of $%2</source>
        <translation type="vanished">$%1 из $%2</translation>
    </message>
    <message>
        <location filename="../ui/qml/BudgetBar.qml" line="23"/>
        <source>$%1 of $%2, $%3 left</source>
        <translation>$%1 из $%2, осталось $%3</translation>
    </message>
    <message>
        <location filename="../ui/qml/BudgetBar.qml" line="25"/>
        <source>$%1, not limited</source>
        <translation>$%1, без ограничения</translation>
    </message>
</context>
<context>
    <name>CheckpointInspector</name>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="19"/>
        <source>Choose a step in the timeline to see its state.</source>
        <translation>Выберите шаг в хронологии, чтобы увидеть его состояние.</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="20"/>
        <source>After step %1</source>
        <translation>После шага %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="21"/>
        <source>next: %1</source>
        <translation>далее: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="37"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="38"/>
        <source>Changes (%1)</source>
        <translation>Изменения (%1)</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="39"/>
        <source>Conversation (%1)</source>
        <translation>Диалог (%1)</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="89"/>
        <source>Only the first %1 rows are shown; fold some open values.</source>
        <translation>Показаны только первые %1 строк; сверните часть открытых значений.</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="93"/>
        <source>Value at %1</source>
        <translation>Значение в %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="93"/>
        <source>Click a value to edit it for a fork.</source>
        <translation>Нажмите на значение, чтобы изменить его для ответвления.</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="105"/>
        <source>Fork from this step with this value</source>
        <translation>Ответвить от этого шага с этим значением</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="108"/>
        <source>A new run continues from here with the edited state; this run stays as it is</source>
        <translation>Новый запуск продолжит отсюда с изменённым состоянием; этот запуск останется как есть</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="130"/>
        <source>added</source>
        <translation>добавлено</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="130"/>
        <source>removed</source>
        <translation>удалено</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="130"/>
        <source>changed</source>
        <translation>изменено</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="140"/>
        <source>The run&apos;s starting state.</source>
        <translation>Начальное состояние запуска.</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="140"/>
        <source>This step changed nothing in the state.</source>
        <translation>Этот шаг ничего не изменил в состоянии.</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="155"/>
        <source>calls %1</source>
        <translation>вызывает %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/CheckpointInspector.qml" line="160"/>
        <source>No conversation is pending at this step.</source>
        <translation>На этом шаге диалог не ведётся.</translation>
    </message>
</context>
<context>
    <name>CodingAgentFields</name>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="23"/>
        <source>Program</source>
        <translation>Программа</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="30"/>
        <source>Claude Code</source>
        <translation>Claude Code</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="31"/>
        <source>Codex CLI</source>
        <translation>Codex CLI</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="32"/>
        <source>Another CLI (a command)</source>
        <translation>Другой CLI (команда)</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="39"/>
        <source>Command</source>
        <translation>Команда</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="44"/>
        <source>e.g. droid exec --file {task_file}</source>
        <translation>например, droid exec --file {task_file}</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="51"/>
        <source>Model</source>
        <translation>Модель</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="55"/>
        <source>The CLI&apos;s default</source>
        <translation>Модель CLI по умолчанию</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="60"/>
        <source>Key</source>
        <translation>Ключ</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="64"/>
        <source>key:NAME in the vault</source>
        <translation>key:ИМЯ в хранилище</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="71"/>
        <source>Time limit (minutes)</source>
        <translation>Лимит времени (минуты)</translation>
    </message>
    <message>
        <location filename="../ui/qml/CodingAgentFields.qml" line="82"/>
        <source>Cost limit (USD)</source>
        <translation>Лимит расходов (USD)</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../ui/qml/ConfirmDialog.qml" line="12"/>
        <source>Continue</source>
        <translation>Продолжить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ConfirmDialog.qml" line="50"/>
        <source>Keep as it is</source>
        <translation>Оставить как есть</translation>
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
    <name>DomainDialog</name>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="26"/>
        <source>A domain for %1</source>
        <translation>Домен для %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="37"/>
        <source>A domain of yours is used once its A (or AAAA) record points at the project&apos;s server; you are shown the record to create if it does not yet. The service is then deployed there with a certificate of its own. Leave it empty to go back to its name in the zone.</source>
        <translation>Ваш домен используется, как только его запись A (или AAAA) указывает на сервер проекта; если нет — вы увидите запись, которую нужно создать. Затем сервис развёртывается там со своим сертификатом. Оставьте поле пустым, чтобы вернуть имя в зоне.</translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="43"/>
        <source>shop.example.org</source>
        <translation>shop.example.org</translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="52"/>
        <source>Check and use</source>
        <translation>Проверить и использовать</translation>
    </message>
    <message>
        <location filename="../ui/qml/DomainDialog.qml" line="57"/>
        <source>Keep as it is</source>
        <translation>Оставить как есть</translation>
    </message>
</context>
<context>
    <name>EdgeEditor</name>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="15"/>
        <source>Edges</source>
        <translation>Рёбра</translation>
    </message>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="18"/>
        <source>No edges yet: drag from an agent&apos;s blue handle onto another agent.</source>
        <translation>Рёбер пока нет: перетащите синюю ручку агента на другого агента.</translation>
    </message>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="41"/>
        <source>Condition, e.g. tests.passed</source>
        <translation>Условие, например tests.passed</translation>
    </message>
    <message>
        <location filename="../ui/qml/EdgeEditor.qml" line="47"/>
        <source>Delete edge</source>
        <translation>Удалить ребро</translation>
    </message>
</context>
<context>
    <name>EditorNode</name>
    <message>
        <location filename="../ui/qml/EditorNode.qml" line="61"/>
        <source>Drag onto another agent to connect them</source>
        <translation>Перетащите на другого агента, чтобы соединить их</translation>
    </message>
</context>
<context>
    <name>FirstRunBanner</name>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="30"/>
        <source>No model is ready, so projects cannot start yet: %1</source>
        <translation>Модель не готова, поэтому проекты пока не запускаются: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="31"/>
        <source>Offline demo model: projects replay a recorded run (a service that tells the time in a city) whatever you describe; its spend is simulated.</source>
        <translation>Офлайн-демомодель: проекты воспроизводят записанный запуск (сервис, который сообщает время в городе), что бы вы ни описали; её расходы — симуляция.</translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="37"/>
        <source>Add a provider…</source>
        <translation>Добавить провайдера…</translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="39"/>
        <source>Settings: the endpoint and the vault handle of its key, with a connection test</source>
        <translation>Настройки: адрес провайдера и ключ в хранилище, с проверкой соединения</translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="45"/>
        <source>Use the offline demo model</source>
        <translation>Использовать офлайн-демомодель</translation>
    </message>
    <message>
        <location filename="../ui/qml/FirstRunBanner.qml" line="47"/>
        <source>Recorded replies, no network and no real model; spend is labelled simulated</source>
        <translation>Записанные ответы, без сети и без настоящей модели; расходы помечены как симуляция</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="20"/>
        <source>idle</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="21"/>
        <source>thinking</source>
        <translation>думает</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="22"/>
        <source>calling tool</source>
        <translation>вызывает инструмент</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="23"/>
        <source>waiting for you</source>
        <translation>ждёт вас</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="24"/>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="25"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="30"/>
        <source>%1M tok</source>
        <translation>%1 млн ток.</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="30"/>
        <source>%1k tok</source>
        <translation>%1 тыс. ток.</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="30"/>
        <source>%1 tok</source>
        <translation>%1 ток.</translation>
    </message>
    <message>
        <source>Run %1 — active: %2</source>
        <translation type="vanished">Запуск %1 — работает: %2</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="49"/>
        <source>Graph version %1 (new runs use it)</source>
        <translation>Версия графа %1 (для новых запусков)</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="50"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="55"/>
        <source>active: %1</source>
        <translation>активен: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="113"/>
        <source>Click to see %1&apos;s steps in the timeline</source>
        <translation>Нажмите, чтобы увидеть шаги агента %1 в хронологии</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="140"/>
        <source>turn %1/%2</source>
        <translation>ход %1/%2</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="140"/>
        <source>turn %1</source>
        <translation>ход %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="141"/>
        <source>sim.</source>
        <translation>симул.</translation>
    </message>
    <message>
        <location filename="../ui/qml/GraphView.qml" line="141"/>
        <source>cost unknown</source>
        <translation>стоимость неизвестна</translation>
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
    <name>LessonsDialog</name>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="15"/>
        <source>Lessons from failures</source>
        <translation>Уроки из сбоев</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="45"/>
        <source>No lessons yet: a run keeps one when it recovers from a failure of its code.</source>
        <translation>Уроков пока нет: запуск сохраняет урок, когда справляется со сбоем своего кода.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/LessonsDialog.qml" line="46"/>
        <source>%n lesson(s). The agents of later runs on the same template are given them.</source>
        <translation>
            <numerusform>%n урок. Его получают агенты следующих запусков на том же шаблоне.</numerusform>
            <numerusform>%n урока. Их получают агенты следующих запусков на том же шаблоне.</numerusform>
            <numerusform>%n уроков. Их получают агенты следующих запусков на том же шаблоне.</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="48"/>
        <source>Show dropped</source>
        <translation>Показать отброшенные</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="77"/>
        <source>(no template)</source>
        <translation>(без шаблона)</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="82"/>
        <source>given %1, missed %2</source>
        <translation>выдан %1, не помог %2</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="83"/>
        <source>dropped</source>
        <translation>отброшен</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="84"/>
        <source>edited</source>
        <translation>изменён</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="86"/>
        <source>Cancel</source>
        <translation>Отменить</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="86"/>
        <source>Edit</source>
        <translation>Изменить</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="89"/>
        <source>Forget…</source>
        <translation>Забыть…</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="90"/>
        <source>Forget lesson #%1?</source>
        <translation>Забыть урок №%1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="91"/>
        <source>Later runs are no longer given it.</source>
        <translation>Следующие запуски больше не будут его получать.</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="92"/>
        <source>Forget</source>
        <translation>Забыть</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="95"/>
        <source>Failed: %1</source>
        <translation>Сбой: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="96"/>
        <source>Fixed by: %1</source>
        <translation>Исправлено: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="97"/>
        <source>What failed</source>
        <translation>Что сломалось</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="98"/>
        <source>What fixes it</source>
        <translation>Что это исправляет</translation>
    </message>
    <message>
        <location filename="../ui/qml/LessonsDialog.qml" line="103"/>
        <source>Save</source>
        <translation>Сохранить</translation>
    </message>
</context>
<context>
    <name>LiveActivity</name>
    <message>
        <location filename="../ui/qml/LiveActivity.qml" line="30"/>
        <source>%1 is working</source>
        <translation>%1 работает</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <location filename="../ui/qml/Main.qml" line="20"/>
        <source>Codegen Orchestrator</source>
        <translation>Codegen Orchestrator</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="58"/>
        <source>Projects</source>
        <translation>Проекты</translation>
    </message>
    <message>
        <source>Project review</source>
        <translation type="vanished">Обзор проекта</translation>
    </message>
    <message>
        <source>Graph (live)</source>
        <translation type="vanished">Граф (вживую)</translation>
    </message>
    <message>
        <source>Agent editor</source>
        <translation type="vanished">Редактор агентов</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="59"/>
        <source>Review</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="60"/>
        <source>Live graph</source>
        <translation>Граф</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="61"/>
        <source>Agents</source>
        <translation>Агенты</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="62"/>
        <source>Balances</source>
        <translation>Балансы</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="63"/>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="64"/>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="65"/>
        <source>Servers</source>
        <translation>Серверы</translation>
    </message>
    <message>
        <source>Inbox (%1)</source>
        <translation type="vanished">Входящие (%1)</translation>
    </message>
    <message>
        <location filename="../ui/qml/Main.qml" line="66"/>
        <source>Inbox</source>
        <translation>Входящие</translation>
    </message>
</context>
<context>
    <name>NavRail</name>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="63"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="63"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="63"/>
        <source>System</source>
        <translation>Система</translation>
    </message>
    <message>
        <location filename="../ui/qml/NavRail.qml" line="65"/>
        <source>Theme: %1 (click to switch)</source>
        <translation>Тема: %1 (нажмите, чтобы сменить)</translation>
    </message>
</context>
<context>
    <name>ProblemsPanel</name>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="32"/>
        <source>agent %1</source>
        <translation>агент %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="36"/>
        <source>edge %1</source>
        <translation>ребро %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="38"/>
        <source>the graph</source>
        <translation>граф</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProblemsPanel.qml" line="41"/>
        <source>Problems</source>
        <translation>Ошибки</translation>
    </message>
</context>
<context>
    <name>ProfileRow</name>
    <message>
        <location filename="../ui/qml/ProfileRow.qml" line="31"/>
        <source>Asking %1…</source>
        <translation>Запрос к %1…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProfileRow.qml" line="55"/>
        <source>As the graph says (%1)</source>
        <translation>Как в графе (%1)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProfileRow.qml" line="80"/>
        <source>Choose a provider first</source>
        <translation>Сначала выберите провайдера</translation>
    </message>
</context>
<context>
    <name>ProjectReview</name>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="50"/>
        <source>Release %1 runs and passed its health check.</source>
        <translation>Версия %1 работает и прошла проверку здоровья.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="77"/>
        <source>Choose a project to review.</source>
        <translation>Выберите проект для обзора.</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation type="vanished">Статус: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="98"/>
        <source>Paused: the database cannot be reached. The run goes on by itself once it is back.</source>
        <translation>Пауза: база данных недоступна. Запуск продолжится сам, когда она вернётся.</translation>
    </message>
    <message>
        <source>Cost: $%1</source>
        <translation type="vanished">Стоимость: $%1</translation>
    </message>
    <message>
        <source>(simulated)</source>
        <translation type="vanished">(симуляция)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="vanished">Отменить</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="vanished">Продолжить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="121"/>
        <source>Question: %1</source>
        <translation>Вопрос: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="134"/>
        <source>Your answer</source>
        <translation>Ваш ответ</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="134"/>
        <source>The secret (kept in the vault, never shown to agents)</source>
        <translation>Секрет (хранится в хранилище, агентам не показывается)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="137"/>
        <source>Send</source>
        <translation>Отправить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="151"/>
        <source>Ask for a change to this project, e.g. &quot;add a /weather route&quot;</source>
        <translation>Попросите изменить проект, например «добавь маршрут /weather»</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="155"/>
        <source>Ask for a change</source>
        <translation>Попросить изменение</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="167"/>
        <source>Redeploy</source>
        <translation>Развернуть заново</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="164"/>
        <source>Install and start the running release again</source>
        <translation>Заново установить и запустить работающую версию</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="177"/>
        <source>Roll back</source>
        <translation>Откатить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="174"/>
        <source>Put the release before it back</source>
        <translation>Вернуть предыдущую версию</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="52"/>
        <source>%1 is down and removed; its code, runs and reports stay.</source>
        <translation>%1 остановлен и удалён; код, запуски и отчёты остались.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="56"/>
        <source>%1 answers at %2 now.</source>
        <translation>%1 теперь отвечает по адресу %2.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="57"/>
        <source>%1 moves to its domain at its next deploy.</source>
        <translation>%1 переедет на свой домен при следующем развёртывании.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="66"/>
        <source>Fork from step %1?</source>
        <translation>Ответвить от шага %1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="67"/>
        <source>A new run of this project starts from the state after step %1 and goes on from there. It spends from the budget; this run stays as it is.</source>
        <translation>Новый запуск проекта начнётся с состояния после шага %1 и пойдёт дальше. Он тратит бюджет; этот запуск останется как есть.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="68"/>
        <source>Fork</source>
        <translation>Ответвить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="83"/>
        <source>Cancel this run?</source>
        <translation>Отменить запуск?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="84"/>
        <source>The run stops where it is, and whatever it started (a deploy included) is stopped and cleaned up. It can be resumed later.</source>
        <translation>Запуск остановится там, где он сейчас, а всё, что он начал (включая развёртывание), будет остановлено и убрано. Его можно будет продолжить позже.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="85"/>
        <source>Cancel the run</source>
        <translation>Отменить запуск</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="161"/>
        <source>Redeploy…</source>
        <translation>Переразвернуть…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="164"/>
        <location filename="../ui/qml/ProjectReview.qml" line="174"/>
        <location filename="../ui/qml/ProjectReview.qml" line="192"/>
        <source>The project has not been deployed</source>
        <translation>Проект ещё не развёрнут</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="165"/>
        <source>Redeploy %1?</source>
        <translation>Переразвернуть %1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="166"/>
        <source>The running release is installed and started again; the service is down for a moment.</source>
        <translation>Работающий выпуск будет установлен и запущен заново; сервис ненадолго станет недоступен.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="171"/>
        <source>Roll back…</source>
        <translation>Откатить…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="175"/>
        <source>Roll back %1?</source>
        <translation>Откатить %1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="176"/>
        <source>The release before the running one is put back and started.</source>
        <translation>Будет возвращён и запущен выпуск, предшествующий работающему.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="181"/>
        <source>Domain…</source>
        <translation>Домен…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="184"/>
        <source>Reach the project at a domain of yours</source>
        <translation>Сделать проект доступным по вашему домену</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="189"/>
        <source>Take down…</source>
        <translation>Снять…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="192"/>
        <source>Stop the service and remove it</source>
        <translation>Остановить сервис и удалить его</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="193"/>
        <source>Take %1 down?</source>
        <translation>Снять %1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="194"/>
        <source>The service stops at %1; its process, web site and releases are removed. The code, runs and reports stay, and a change request deploys it again.</source>
        <translation>Сервис на %1 останавливается; его процесс, сайт и релизы удаляются. Код, запуски и отчёты остаются, а запрос на изменение развернёт его снова.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="195"/>
        <source>Take down</source>
        <translation>Снять</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="201"/>
        <source>Steps of %1 stand out.</source>
        <translation>Шаги агента %1 выделены.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="202"/>
        <source>Show all alike</source>
        <translation>Показать все одинаково</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="vanished">%1 мс</translation>
    </message>
    <message>
        <source>%1/%2 tokens</source>
        <translation type="vanished">%1/%2 токенов</translation>
    </message>
    <message>
        <source>cost unknown</source>
        <translation type="vanished">цена неизвестна</translation>
    </message>
    <message>
        <source>Inspect</source>
        <translation type="vanished">Разобрать</translation>
    </message>
    <message>
        <source>The state after this step, what it changed, and the conversation</source>
        <translation type="vanished">Состояние после этого шага, что он изменил, и диалог</translation>
    </message>
    <message>
        <source>Fork from here</source>
        <translation type="vanished">Ответвить отсюда</translation>
    </message>
    <message>
        <source>Tools: %1</source>
        <translation type="vanished">Инструменты: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="245"/>
        <source>Report</source>
        <translation>Отчёт</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="246"/>
        <source>Files</source>
        <translation>Файлы</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="247"/>
        <source>Git</source>
        <translation>Git</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="248"/>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectReview.qml" line="257"/>
        <source>The report appears when the run ends.</source>
        <translation>Отчёт появится, когда запуск закончится.</translation>
    </message>
</context>
<context>
    <name>ProjectRunStrip</name>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="28"/>
        <source>fork of %1 at step %2</source>
        <translation>ответвление %1 от шага %2</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="30"/>
        <source>change</source>
        <translation>изменение</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="31"/>
        <source>new</source>
        <translation>новый</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectRunStrip.qml" line="63"/>
        <source>(simulated)</source>
        <translation>(симуляция)</translation>
    </message>
</context>
<context>
    <name>ProjectsView</name>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="26"/>
        <source>Start anyway?</source>
        <translation>Всё равно начать?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="27"/>
        <source>%1 That is more than the budget left (%2): the run may stop halfway and wait for a top-up.</source>
        <translation>%1 Это больше, чем осталось в бюджете (%2): запуск может остановиться на полпути и ждать пополнения.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="28"/>
        <source>Start anyway</source>
        <translation>Всё равно начать</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="40"/>
        <source>Started.</source>
        <translation>Запущено.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="57"/>
        <source>Describe a new project…</source>
        <translation>Опишите новый проект…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="61"/>
        <source>Start</source>
        <comment>start a new project</comment>
        <translation>Начать</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="80"/>
        <source>Search projects</source>
        <translation>Поиск проектов</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="84"/>
        <source>All</source>
        <translation>Все</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="84"/>
        <source>Active</source>
        <translation>Активные</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="85"/>
        <source>Finished</source>
        <translation>Готовые</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="85"/>
        <source>Failed or stopped</source>
        <translation>Сбой или остановлены</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="94"/>
        <source>No projects yet.</source>
        <translation>Проектов пока нет.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="140"/>
        <source>up %1%</source>
        <translation>работает %1%</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="146"/>
        <source>(simulated)</source>
        <translation>(симуляция)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProjectsView.qml" line="148"/>
        <source>Priced for the offline demo model: not spent, not budgeted</source>
        <translation>Цена офлайн-демомодели: не потрачено и не входит в бюджет</translation>
    </message>
</context>
<context>
    <name>ProviderRow</name>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="28"/>
        <source>Base URL, e.g. https://api.openai.com/v1</source>
        <translation>Базовый URL, например https://api.openai.com/v1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="29"/>
        <source>Base URL, e.g. https://api.anthropic.com/v1</source>
        <translation>Базовый URL, например https://api.anthropic.com/v1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="30"/>
        <source>Base URL of the provider&apos;s API</source>
        <translation>Базовый URL API провайдера</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="40"/>
        <source>%1 API</source>
        <translation>API %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="56"/>
        <source>Key handle, e.g. key:%1</source>
        <translation>Имя ключа, например key:%1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="61"/>
        <source>API key</source>
        <translation>Ключ API</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="63"/>
        <source>Store key</source>
        <translation>Сохранить ключ</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="70"/>
        <source>Test connection</source>
        <translation>Проверить соединение</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="74"/>
        <source>Asks the endpoint which models it serves, with the key stored under the handle</source>
        <translation>Спрашивает у провайдера список моделей, используя ключ из хранилища</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="78"/>
        <source>Asking %1…</source>
        <translation>Запрос к %1…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="84"/>
        <source>Connected; the endpoint lists no models.</source>
        <translation>Соединение есть; провайдер не перечисляет моделей.</translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/qml/ProviderRow.qml" line="85"/>
        <source>Connected: %n model(s) — %1</source>
        <translation>
            <numerusform>Соединение есть: %n модель — %1</numerusform>
            <numerusform>Соединение есть: %n модели — %1</numerusform>
            <numerusform>Соединение есть: %n моделей — %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/ProviderRow.qml" line="92"/>
        <source>Remove…</source>
        <translation>Удалить…</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message numerus="yes">
        <location filename="../ui/models/JsonTreeModel.cpp" line="170"/>
        <source>{%n key(s)}</source>
        <translation>
            <numerusform>{%n ключ}</numerusform>
            <numerusform>{%n ключа}</numerusform>
            <numerusform>{%n ключей}</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../ui/models/JsonTreeModel.cpp" line="172"/>
        <source>[%n item(s)]</source>
        <translation>
            <numerusform>[%n элемент]</numerusform>
            <numerusform>[%n элемента]</numerusform>
            <numerusform>[%n элементов]</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReportsView</name>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="20"/>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="32"/>
        <source>Search reports</source>
        <translation>Поиск отчётов</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="63"/>
        <source>Digest</source>
        <translation>Сводка</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="64"/>
        <location filename="../ui/qml/ReportsView.qml" line="93"/>
        <source>While you were away</source>
        <translation>Пока вас не было</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="65"/>
        <source>Run %1</source>
        <translation>Запуск %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="78"/>
        <source>(simulated)</source>
        <translation>(симуляция)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="97"/>
        <source>Export…</source>
        <translation>Экспорт…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="107"/>
        <source>Loading…</source>
        <translation>Загрузка…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ReportsView.qml" line="107"/>
        <source>Choose a report.</source>
        <translation>Выберите отчёт.</translation>
    </message>
</context>
<context>
    <name>RunHeader</name>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="32"/>
        <source>Cost: $%1</source>
        <translation>Стоимость: $%1</translation>
    </message>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="33"/>
        <source>(simulated)</source>
        <translation>(симуляция)</translation>
    </message>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="39"/>
        <source>Cancel…</source>
        <translation>Отменить…</translation>
    </message>
    <message>
        <location filename="../ui/qml/RunHeader.qml" line="45"/>
        <source>Resume</source>
        <translation>Продолжить</translation>
    </message>
</context>
<context>
    <name>ServersView</name>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="22"/>
        <source>Done: %1 %2</source>
        <translation>Готово: %1 %2</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="36"/>
        <source>No servers: projects deploy to this machine.</source>
        <translation>Серверов нет: проекты разворачиваются на этой машине.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="37"/>
        <source>%1 server(s)</source>
        <translation>Серверов: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="70"/>
        <source>%1 of %2 MB free</source>
        <translation>свободно %1 из %2 МБ</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="72"/>
        <source>Check</source>
        <translation>Проверить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="72"/>
        <source>Read what it has and run the base role</source>
        <translation>Узнать, что на нём есть, и выполнить базовую роль</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="73"/>
        <source>Trust new key</source>
        <translation>Доверять новому ключу</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="76"/>
        <source>Remove…</source>
        <translation>Удалить…</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="77"/>
        <source>Remove %1?</source>
        <translation>Удалить %1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="78"/>
        <source>The orchestrator forgets this server; what runs on it keeps running, and new deploys go elsewhere.</source>
        <translation>Оркестратор забудет этот сервер; то, что на нём работает, продолжит работать, а новые развёртывания пойдут на другие серверы.</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="79"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="83"/>
        <source>projects: %1</source>
        <translation>проекты: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="89"/>
        <source>Register a server</source>
        <translation>Добавить сервер</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="94"/>
        <source>Name, e.g. prod-1</source>
        <translation>Имя, например prod-1</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="95"/>
        <source>Host</source>
        <translation>Хост</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="97"/>
        <source>SSH port</source>
        <translation>SSH-порт</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="100"/>
        <source>User (root)</source>
        <translation>Пользователь (root)</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="101"/>
        <source>SSH key&apos;s vault handle, server:NAME</source>
        <translation>Имя SSH-ключа в хранилище, server:NAME</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="103"/>
        <source>Memory for projects, MB</source>
        <translation>Память для проектов, МБ</translation>
    </message>
    <message>
        <location filename="../ui/qml/ServersView.qml" line="108"/>
        <source>Register</source>
        <translation>Добавить</translation>
    </message>
</context>
<context>
    <name>SettingsView</name>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="27"/>
        <source>%1 stored in the vault.</source>
        <translation>%1 сохранён в хранилище секретов.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="45"/>
        <source>Language</source>
        <translation>Язык</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="55"/>
        <source>Theme</source>
        <translation>Тема</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="59"/>
        <source>As the system</source>
        <translation>Как в системе</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="59"/>
        <source>Light</source>
        <translation>Светлая</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="60"/>
        <source>Dark</source>
        <translation>Тёмная</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="68"/>
        <source>Connected to a remote orchestratord at %1</source>
        <translation>Подключено к удалённому orchestratord: %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="69"/>
        <source>In-process engine on %1</source>
        <translation>Встроенный движок, база %1</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="71"/>
        <source>Settings file: %1 (changes apply at the next start)</source>
        <translation>Файл настроек: %1 (изменения вступят в силу при следующем запуске)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="73"/>
        <source>Provider profiles</source>
        <translation>Профили провайдеров</translation>
    </message>
    <message>
        <source>Base URL, e.g. https://api.openai.com/v1</source>
        <translation type="vanished">Базовый URL, например https://api.openai.com/v1</translation>
    </message>
    <message>
        <source>Base URL, e.g. https://api.anthropic.com/v1</source>
        <translation type="vanished">Базовый URL, например https://api.anthropic.com/v1</translation>
    </message>
    <message>
        <source>Base URL of the provider&apos;s API</source>
        <translation type="vanished">Базовый URL API провайдера</translation>
    </message>
    <message>
        <source>Key handle, e.g. key:openai</source>
        <translation type="vanished">Имя ключа, например key:openai</translation>
    </message>
    <message>
        <source>API key</source>
        <translation type="vanished">Ключ API</translation>
    </message>
    <message>
        <source>Store key</source>
        <translation type="vanished">Сохранить ключ</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation type="vanished">Проверить соединение</translation>
    </message>
    <message>
        <source>Asks the endpoint which models it serves, with the key stored under the handle</source>
        <translation type="vanished">Спрашивает у провайдера список моделей, используя ключ из хранилища</translation>
    </message>
    <message>
        <source>Asking %1…</source>
        <translation type="vanished">Запрос к %1…</translation>
    </message>
    <message>
        <source>Connected; the endpoint lists no models.</source>
        <translation type="vanished">Соединение есть; провайдер не перечисляет моделей.</translation>
    </message>
    <message numerus="yes">
        <source>Connected: %n model(s) — %1</source>
        <translation type="vanished">
            <numerusform>Соединение есть: %n модель — %1</numerusform>
            <numerusform>Соединение есть: %n модели — %1</numerusform>
            <numerusform>Соединение есть: %n моделей — %1</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="121"/>
        <source>Telegram bot</source>
        <translation>Telegram-бот</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="125"/>
        <source>Token handle</source>
        <translation>Имя токена</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="128"/>
        <source>Bot token</source>
        <translation>Токен бота</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="130"/>
        <source>Store token</source>
        <translation>Сохранить токен</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="135"/>
        <source>Admins (user ids)</source>
        <translation>Админы (id пользователей)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="137"/>
        <source>Users (user ids)</source>
        <translation>Пользователи (id)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="142"/>
        <source>Save settings</source>
        <translation>Сохранить настройки</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="29"/>
        <source>User ids must be numbers.</source>
        <translation>Id пользователей должны быть числами.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="28"/>
        <source>Saved. Changes apply at the next start.</source>
        <translation>Сохранено. Изменения вступят в силу при следующем запуске.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="30"/>
        <source>Cannot write %1.</source>
        <translation>Не удаётся записать %1.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="80"/>
        <source>Remove the provider %1?</source>
        <translation>Удалить провайдера %1?</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="81"/>
        <source>Agents whose model profiles use it cannot run until another provider serves them. Its key stays in the vault.</source>
        <translation>Агенты, чьи профили моделей его используют, не смогут работать, пока их не обслужит другой провайдер. Его ключ останется в хранилище.</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="82"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="88"/>
        <source>Name, e.g. openrouter</source>
        <translation>Имя, например openrouter</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="92"/>
        <source>OpenAI-compatible API</source>
        <translation>API, совместимый с OpenAI</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="92"/>
        <source>Anthropic-compatible API</source>
        <translation>API, совместимый с Anthropic</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="99"/>
        <source>Add provider</source>
        <translation>Добавить провайдера</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="111"/>
        <source>Models per profile</source>
        <translation>Модели по профилям</translation>
    </message>
    <message>
        <location filename="../ui/qml/SettingsView.qml" line="160"/>
        <source>Problems the engine finds in the file:</source>
        <translation>Ошибки, найденные движком в файле:</translation>
    </message>
    <message>
        <source>Provider profiles (kind, base URL, model, API key), the Telegram bot token and its allow-list live in the settings file given with --config; keys and tokens are stored in the vault with “orchestratord secrets set”, never in the file.</source>
        <translation type="vanished">Профили провайдеров (тип, базовый URL, модель, ключ API), токен Telegram-бота и список разрешённых пользователей задаются в файле настроек (--config); ключи и токены хранятся в хранилище секретов («orchestratord secrets set»), а не в файле.</translation>
    </message>
</context>
<context>
    <name>SourceBrowser</name>
    <message>
        <location filename="../ui/qml/SourceBrowser.qml" line="84"/>
        <source>Unified</source>
        <translation>Единый</translation>
    </message>
    <message>
        <location filename="../ui/qml/SourceBrowser.qml" line="85"/>
        <source>Side by side</source>
        <translation>Рядом</translation>
    </message>
</context>
<context>
    <name>SpendChart</name>
    <message>
        <location filename="../ui/qml/SpendChart.qml" line="42"/>
        <source>(simulated)</source>
        <translation>(симуляция)</translation>
    </message>
    <message>
        <location filename="../ui/qml/SpendChart.qml" line="45"/>
        <source>Total: %1</source>
        <translation>Всего: %1</translation>
    </message>
</context>
<context>
    <name>StatusWords</name>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="10"/>
        <source>running</source>
        <translation>выполняется</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="11"/>
        <location filename="../ui/qml/StatusWords.qml" line="30"/>
        <source>waiting for you</source>
        <translation>ждёт вас</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="12"/>
        <source>waiting for budget</source>
        <translation>ждёт бюджета</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="13"/>
        <source>waiting for a server</source>
        <translation>ждёт сервера</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="14"/>
        <source>completed</source>
        <translation>завершён</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="15"/>
        <source>failed</source>
        <translation>ошибка</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="16"/>
        <source>stalled</source>
        <translation>застрял</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="17"/>
        <source>cancelled</source>
        <translation>отменён</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="18"/>
        <source>continues</source>
        <translation>продолжает</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="19"/>
        <source>finished</source>
        <translation>закончил</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="20"/>
        <source>handed off</source>
        <translation>передал дальше</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="21"/>
        <location filename="../ui/qml/StatusWords.qml" line="22"/>
        <source>asked you</source>
        <translation>спросил вас</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="23"/>
        <source>answered</source>
        <translation>ответ получен</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="24"/>
        <source>waits for a server</source>
        <translation>ждёт сервера</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="25"/>
        <source>waits for the database</source>
        <translation>ждёт базу данных</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="26"/>
        <source>condensed its notes</source>
        <translation>сжал заметки</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="27"/>
        <source>idle</source>
        <translation>простаивает</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="28"/>
        <source>thinking</source>
        <translation>думает</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="29"/>
        <source>calling a tool</source>
        <translation>вызывает инструмент</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="31"/>
        <source>done</source>
        <translation>готово</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="32"/>
        <source>healthy</source>
        <translation>здоров</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="33"/>
        <source>unhealthy</source>
        <translation>неисправен</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="34"/>
        <source>not deployed</source>
        <translation>не развёрнут</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="35"/>
        <source>ready</source>
        <translation>готов</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="36"/>
        <source>unchecked</source>
        <translation>не проверен</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="37"/>
        <source>unreachable</source>
        <translation>недоступен</translation>
    </message>
    <message>
        <location filename="../ui/qml/StatusWords.qml" line="38"/>
        <source>host key changed</source>
        <translation>ключ хоста изменился</translation>
    </message>
</context>
<context>
    <name>StepCard</name>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="37"/>
        <source>%1 s</source>
        <translation>%1 с</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="37"/>
        <source>%1 ms</source>
        <translation>%1 мс</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="51"/>
        <source>Inspect</source>
        <translation>Осмотреть</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="55"/>
        <source>The state after this step, what it changed, and the conversation</source>
        <translation>Состояние после шага, что он изменил, и переписка</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="60"/>
        <source>Fork…</source>
        <translation>Ответвить…</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="64"/>
        <source>Start a new run from the state after this step</source>
        <translation>Начать новый запуск с состояния после этого шага</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="75"/>
        <source>%1/%2 tokens</source>
        <translation>%1/%2 токенов</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="76"/>
        <source>cost unknown</source>
        <translation>стоимость неизвестна</translation>
    </message>
    <message>
        <location filename="../ui/qml/StepCard.qml" line="81"/>
        <source>Tools: %1</source>
        <translation>Инструменты: %1</translation>
    </message>
</context>
<context>
    <name>orch::ui::BalancesModel</name>
    <message>
        <location filename="../ui/models/BalancesModel.cpp" line="66"/>
        <source>All projects</source>
        <translation>Все проекты</translation>
    </message>
</context>
<context>
    <name>orch::ui::CheckpointModel</name>
    <message>
        <location filename="../ui/models/CheckpointModel.cpp" line="170"/>
        <source>Choose a value in the state first.</source>
        <translation>Сначала выберите значение в состоянии.</translation>
    </message>
    <message>
        <location filename="../ui/models/CheckpointModel.cpp" line="179"/>
        <source>%1 holds JSON (a number, true/false, a list or an object); this text is not JSON.</source>
        <translation>%1 содержит JSON (число, true/false, список или объект); этот текст — не JSON.</translation>
    </message>
</context>
<context>
    <name>orch::ui::ForecastQuery</name>
    <message>
        <location filename="../ui/models/ForecastQuery.cpp" line="80"/>
        <location filename="../ui/models/ForecastQuery.cpp" line="86"/>
        <source>No forecast: %1</source>
        <translation>Прогноза нет: %1</translation>
    </message>
    <message>
        <location filename="../ui/models/ForecastQuery.cpp" line="87"/>
        <source>Forecast: about %1 (%2–%3) and %4 min of work, from %5</source>
        <translation>Прогноз: около %1 (%2–%3) и %4 мин работы, по данным: %5</translation>
    </message>
</context>
<context>
    <name>orch::ui::GraphEditor</name>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="216"/>
        <source>Move agent</source>
        <translation>Переместить агента</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="234"/>
        <source>Arrange</source>
        <translation>Расставить</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="248"/>
        <source>Add edge</source>
        <translation>Добавить ребро</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="258"/>
        <source>Remove edge</source>
        <translation>Удалить ребро</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="270"/>
        <source>Edit condition</source>
        <translation>Изменить условие</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="76"/>
        <source>An agent needs a title: it names the agent on the graph.</source>
        <translation>Агенту нужно название: оно подписывает агента на графе.</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="87"/>
        <source>Edit %1</source>
        <translation>Изменить %1</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="93"/>
        <source>Add tool</source>
        <translation>Добавить инструмент</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="93"/>
        <source>Remove tool</source>
        <translation>Убрать инструмент</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditorFields.cpp" line="98"/>
        <source>Edit handoffs</source>
        <translation>Изменить передачи</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="325"/>
        <source>Add agent</source>
        <translation>Добавить агента</translation>
    </message>
    <message>
        <location filename="../ui/models/GraphEditor.cpp" line="349"/>
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
    <name>orch::ui::LessonsModel</name>
    <message>
        <location filename="../ui/models/LessonsModel.cpp" line="52"/>
        <source>Not connected to an orchestrator</source>
        <translation>Нет соединения с оркестратором</translation>
    </message>
</context>
<context>
    <name>orch::ui::ModelSetup</name>
    <message>
        <location filename="../ui/models/ModelSetup.cpp" line="66"/>
        <location filename="../ui/models/ModelSetup.cpp" line="87"/>
        <source>not connected</source>
        <translation>нет соединения</translation>
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
    <name>orch::ui::Session</name>
    <message>
        <location filename="../ui/models/Session.cpp" line="134"/>
        <source>%1 does not point at the project&apos;s server yet (its records hold: %2). Create this record at the domain&apos;s DNS provider, then try again:
%3</source>
        <translation>%1 пока не указывает на сервер проекта (его записи: %2). Создайте эту запись у DNS-провайдера домена и попробуйте снова:
%3</translation>
    </message>
    <message>
        <location filename="../ui/models/Session.cpp" line="138"/>
        <source>nothing</source>
        <translation>ничего</translation>
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
        <location filename="../ui/models/SettingsController.cpp" line="76"/>
        <source>A provider&apos;s name is lower-case letters, digits and dashes, starting with a letter.</source>
        <translation>Имя провайдера — строчные латинские буквы, цифры и дефисы, начиная с буквы.</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="79"/>
        <source>A provider speaks the openai or the anthropic API.</source>
        <translation>Провайдер говорит на API openai или anthropic.</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="82"/>
        <source>%1 is the name of the built-in %1 provider.</source>
        <translation>%1 — имя встроенного провайдера %1.</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="127"/>
        <source>“%1” is not a model profile&apos;s name.</source>
        <translation>«%1» — не имя профиля модели.</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="135"/>
        <source>Choose a model for the profile %1.</source>
        <translation>Выберите модель для профиля %1.</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="225"/>
        <source>Secrets are stored on the server: use “orchestratord secrets set” there.</source>
        <translation>Секреты хранятся на сервере: используйте там «orchestratord secrets set».</translation>
    </message>
    <message>
        <location filename="../ui/models/SettingsController.cpp" line="227"/>
        <source>The value is empty.</source>
        <translation>Значение пустое.</translation>
    </message>
</context>
</TS>
