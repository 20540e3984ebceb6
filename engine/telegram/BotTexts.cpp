#include "telegram/BotTexts.h"

#include "money/Usd.h"

#include <QHash>

namespace orch::bot {
namespace {

struct Texts
{
    const char* en;
    const char* ru;
};

const QHash<QString, Texts>& table()
{
    static const QHash<QString, Texts> texts = {
        {"simulated", {"%1 (simulated)", "%1 (симуляция)"}},
        {"simulated_part", {"%1 (incl. %2 simulated)", "%1 (в т. ч. %2 симуляции)"}},
        {"simulated_spend",
         {"Simulated by the offline demo model (not spent): %1",
          "Симуляция офлайн-демомодели (не потрачено): %1"}},
        {"help",
         {"I turn a project description into a working service: code in git, CI, a deployment with "
          "TLS, a health check and a report with its cost.\n\n"
          "/new <description> — start a project (a plain message does the same)\n/projects — your "
          "projects\n/status [project] — where a project is\n"
          "/report [project] — the report as a file\n/balance — spend and budgets\n/topup <amount> "
          "— add USD to the budget (admins)\n/cancel [project] — stop a project\n"
          "/change <project>: <what> — change a project that exists\n"
          "/redeploy <project> — install and start its release again\n"
          "/rollback <project> — go back to the release before\n"
          "/domain <project> <domain> — reach it at a domain of yours\n"
          "/repair <project> [off|ask|auto] [USD] — repair it now, or set its repair policy and "
          "monthly budget\n/away — what happened while you were away (admins)",
          "Я превращаю описание проекта в работающий сервис: код в git, CI, развёртывание с TLS, "
          "проверку здоровья и отчёт со стоимостью.\n\n"
          "/new <описание> — начать проект (обычное сообщение делает то же)\n/projects — ваши "
          "проекты\n/status [проект] — где сейчас проект\n"
          "/report [проект] — отчёт файлом\n/balance — расходы и бюджеты\n/topup <сумма> — "
          "пополнить бюджет в USD (админы)\n/cancel [проект] — остановить проект\n"
          "/change <проект>: <что> — изменить готовый проект\n"
          "/redeploy <проект> — заново установить и запустить его версию\n"
          "/rollback <проект> — вернуть предыдущую версию\n"
          "/domain <проект> <домен> — сделать его доступным по вашему домену\n"
          "/repair <проект> [off|ask|auto] [USD] — починить сейчас или задать политику ремонта "
          "и бюджет на месяц\n/away — что случилось, пока вас не было (админы)"}},
        {"need_change",
         {"Name the project and the change, e.g. /change City Time: add Berlin",
          "Назовите проект и изменение, например: /change City Time: добавь Берлин"}},
        {"change_started", {"Change to \"%1\" started.", "Изменение проекта «%1» начато."}},
        {"refused",
         {"Sorry, you are not allowed to use this bot. Your user id is %1; ask the owner to add it "
          "to the allow-list.",
          "Извините, вам нельзя пользоваться этим ботом. Ваш id: %1; попросите владельца добавить "
          "его в список разрешённых."}},
        {"starting", {"Starting project \"%1\"…", "Начинаю проект «%1»…"}},
        {"started", {"Project \"%1\" started.", "Проект «%1» начат."}},
        {"start_resumed",
         {"The server restarted before project \"%1\" began; starting it now…",
          "Сервер перезапустился до начала проекта «%1»; начинаю его сейчас…"}},
        {"start_interrupted",
         {"Project \"%1\" was not started: the server is restarting. Send it again in a minute.",
          "Проект «%1» не начат: сервер перезапускается. Отправьте его снова через минуту."}},
        {"busy",
         {"Project \"%1\" is still running in this chat. Cancel it with /cancel, or start another "
          "one anyway:",
          "В этом чате ещё идёт проект «%1». Отмените его командой /cancel или всё равно начните "
          "новый:"}},
        {"start_another", {"Start another project", "Начать ещё один проект"}},
        {"start_anyway", {"Start anyway", "Всё равно начать"}},
        {"seconds", {"%1 s", "%1 с"}},
        {"minutes", {"%1 min", "%1 мин"}},
        {"forecast",
         {"Forecast: about %1 (%2–%3) and %4 of work, from %5 earlier runs like it.",
          "Прогноз: около %1 (%2–%3) и %4 работы, по %5 похожим прошлым запускам."}},
        {"forecast_none",
         {"No forecast: no earlier run is like this one yet.",
          "Прогноза нет: похожих прошлых запусков ещё не было."}},
        {"forecast_exceeds",
         {"%1 This is more than the budget left (%2): start it anyway?",
          "%1 Это больше, чем осталось в бюджете (%2): всё равно начать?"}},
        {"need_description",
         {"Describe the project after /new, e.g. /new a service that tells the time in a city",
          "Опишите проект после /new, например: /new сервис, который говорит время в городе"}},
        {"no_projects",
         {"No projects yet. Send /new <description> to start one.",
          "Проектов пока нет. Отправьте /new <описание>, чтобы начать."}},
        {"projects", {"Projects:", "Проекты:"}},
        {"not_found", {"No project matches \"%1\".", "Нет проекта, подходящего под «%1»."}},
        {"status",
         {"%1\nStatus: %2\nAgent: %3\nSteps: %4\nCost: %5",
          "%1\nСтатус: %2\nАгент: %3\nШагов: %4\nСтоимость: %5"}},
        {"status_url", {"URL: %1", "Адрес: %1"}},
        {"status_repo", {"Repository: %1", "Репозиторий: %1"}},
        {"no_report",
         {"Project \"%1\" has no report yet (status: %2).",
          "У проекта «%1» ещё нет отчёта (статус: %2)."}},
        {"report_caption", {"Report: %1", "Отчёт: %1"}},
        {"balance",
         {"Spent: %1\nBudget: %2\nLeft: %3\nToday: %4",
          "Потрачено: %1\nБюджет: %2\nОсталось: %3\nСегодня: %4"}},
        {"unlimited", {"not limited", "без ограничения"}},
        {"unknown_cost",
         {"%1 call(s) with unknown price (not in the pricing table)",
          "Вызовов с неизвестной ценой: %1 (нет в таблице цен)"}},
        {"topup_usage",
         {"Usage: /topup <amount in USD>, e.g. /topup 10",
          "Использование: /topup <сумма в USD>, например /topup 10"}},
        {"admins_only",
         {"Only admins can top up the budget.", "Пополнять бюджет могут только админы."}},
        {"away_admins_only",
         {"Only admins get this report: it covers every project.",
          "Этот отчёт получают только админы: он обо всех проектах."}},
        {"topped_up",
         {"Budget topped up by %1. Left: %2. Runs resumed: %3.",
          "Бюджет пополнен на %1. Осталось: %2. Возобновлено запусков: %3."}},
        {"nothing_to_cancel", {"Nothing is running here.", "Здесь ничего не выполняется."}},
        {"cancelled", {"Project \"%1\" cancelled.", "Проект «%1» отменён."}},
        {"question", {"Question from %1 (project \"%2\"):\n%3", "Вопрос от %1 (проект «%2»):\n%3"}},
        {"approve", {"Approve", "Одобрить"}},
        {"reject", {"Reject", "Отклонить"}},
        {"answered", {"Answer received: %1", "Ответ получен: %1"}},
        {"secret_stored",
         {"Stored in the vault; I deleted your message from this chat.",
          "Сохранено в хранилище; ваше сообщение из чата я удалил."}},
        {"secret_refused", {"Not stored: %1", "Не сохранено: %1"}},
        {"secret_stored_only", {"Stored in the vault.", "Сохранено в хранилище."}},
        {"secret_not_deleted",
         {"Telegram did not let me delete your message with it (%1): please delete it yourself.",
          "Telegram не дал мне удалить ваше сообщение с ним (%1): удалите его, пожалуйста, "
          "сами."}},
        {"secret_no_message", {"no message to delete", "нет сообщения"}},
        {"secret_hint",
         {"Send it as your next message: it goes to the vault, never to the agents, and I "
          "delete the message.",
          "Пришлите его следующим сообщением: оно попадёт в хранилище, не агентам, а сообщение "
          "я удалю."}},
        {"not_waiting", {"That question was already answered.", "На этот вопрос уже ответили."}},
        {"foreign_button",
         {"That button belongs to a project of another chat.",
          "Эта кнопка относится к проекту другого чата."}},
        {"dead_letter",
         {"An update could not be handled (%1). It is kept in the store as dead letter #%2; later "
          "ones are only logged until the next start.",
          "Не удалось обработать обновление (%1). Оно сохранено как недоставленное №%2; следующие "
          "до перезапуска только записываются в журнал."}},
        {"budget_waiting",
         {"Project \"%1\" is paused: %2\nTop up to continue:",
          "Проект «%1» приостановлен: %2\nПополните бюджет, чтобы продолжить:"}},
        {"deployment_down",
         {"⚠️ %1 is down: %2\n%3", "⚠️ %1 не работает: %2\n%3"}},
        {"deployment_up", {"✅ %1 is back up.\n%2", "✅ %1 снова работает.\n%2"}},
        {"incident_restarting",
         {"🔧 %1 keeps failing its health checks: %2.", "🔧 %1 не проходит проверки здоровья: %2."}},
        {"incident_rolling_back",
         {"↩️ %1 still fails after a restart, and its new release never passed a check: %2.",
          "↩️ %1 не работает и после перезапуска, "
          "а новая версия ни разу не прошла проверку: %2."}},
        {"incident_repair_asked",
         {"🛠 %1 still fails %2. A repair run (the Developer, the Tester and DevOps, given the "
          "evidence) may fix it. Start it?",
          "🛠 %1 всё ещё не работает (%2). "
          "Ремонтный запуск (разработчик, тестировщик и DevOps, "
          "с собранными данными) может это исправить. "
          "Запустить?"}},
        {"repair_button", {"🛠 Repair it", "🛠 Починить"}},
        {"incident_repairing",
         {"🧑‍💻 A repair run works on %1: %2.",
          "🧑‍💻 Ремонтный запуск чинит %1: %2."}},
        {"incident_gave_up",
         {"🆘 %1 is still down and I cannot bring it back by myself (%2). It needs you: look at "
          "/status, then /redeploy, /rollback or /change it.",
          "🆘 %1 всё ещё не работает, и сам я его не подниму (%2). Нужны вы: посмотрите /status, "
          "затем /redeploy, /rollback или /change."}},
        {"incident_resolved", {"✅ %1 answers again (%2).", "✅ %1 снова отвечает (%2)."}},
        {"certificate_expiring",
         {"🔒 The TLS certificate of %1 ends on %2. Caddy renews it by itself; if it does not, "
          "check that the domain points at its server and ports 80 and 443 are open.",
          "🔒 TLS-сертификат %1 заканчивается %2. Caddy продлевает его сам; если этого не "
          "случилось, проверьте, что домен указывает на сервер, а порты 80 и 443 открыты."}},
        {"need_project",
         {"Name the project, e.g. /%1 City Time", "Назовите проект, например: /%1 City Time"}},
        {"redeploying", {"Deploying \"%1\" again…", "Заново развёртываю «%1»…"}},
        {"need_domain",
         {"Name the project and its domain, e.g. /domain City Time time.example.org (the domain "
          "alone, after the project, puts it back at its name in the zone: /domain City Time -)",
          "Назовите проект и его домен, например: /domain City Time time.example.org (вместо "
          "домена «-» вернёт проекту имя в зоне: /domain City Time -)"}},
        {"repair_standing",
         {"Repairs of \"%1\": %2 (off: never, ask: with your approval, auto: by themselves). "
          "This month: %3 of %4 spent in %5 repair runs.",
          "Ремонт «%1»: %2 (off — никогда, ask — с вашего согласия, auto — сам). "
          "В этом месяце: потрачено %3 из %4 на %5 ремонтных запусков."}},
        {"repair_started",
         {"🧑‍💻 A repair run of \"%1\" started (%2).",
          "🧑‍💻 Ремонтный запуск «%1» начат (%2)."}},
        {"checking_domain", {"Checking where %1 points…", "Проверяю, куда указывает %1…"}},
        {"domain_not_pointing",
         {"%1 does not point at the server of \"%2\" yet (its records hold: %3). Create this "
          "record at your domain's DNS provider, wait for it to show, then send the command "
          "again:\n%4",
          "%1 пока не указывает на сервер «%2» (его записи сейчас: %3). Создайте эту запись у "
          "DNS-провайдера домена, дождитесь, пока она появится, и отправьте команду ещё раз:\n%4"}},
        {"nothing", {"nothing", "ничего"}},
        {"domain_taken", {"\"%1\" is reached at %2 now.", "«%1» теперь доступен по адресу %2."}},
        {"domain_back",
         {"\"%1\" goes back to its name in the zone at its next deploy.",
          "«%1» вернётся к своему имени в зоне при следующем развёртывании."}},
        {"domain_next_deploy",
         {"\"%1\" is reached at %2 from its next deploy.",
          "«%1» будет доступен по адресу %2 после следующего развёртывания."}},
        {"rolling_back",
         {"Rolling \"%1\" back to its previous release…", "Возвращаю «%1» к предыдущей версии…"}},
        {"redeployed",
         {"\"%1\" runs release %2 and passed its health check.\n%3",
          "«%1» работает в версии %2 и прошёл проверку здоровья.\n%3"}},
        {"resources_waiting",
         {"Project \"%1\" waits for a server: %2", "Проект «%1» ждёт сервер: %2"}},
        {"store_waiting",
         {"⏸ Paused: the database cannot be reached. The run goes on by itself once it is back.",
          "⏸ Пауза: база данных недоступна. Запуск "
          "продолжится "
          "сам, "
          "когда "
          "она "
          "вернётся."}},
        {"progress",
         {"Project \"%1\" — step %2, %3 working\n%4\nCost so far: %5",
          "Проект «%1» — шаг %2, работает %3\n%4\nПотрачено: %5"}},
        {"finished_completed", {"Project \"%1\" is done.", "Проект «%1» готов."}},
        {"finished_other", {"Project \"%1\" stopped: %2 — %3", "Проект «%1» остановлен: %2 — %3"}},
        {"cost", {"Cost: %1", "Стоимость: %1"}},
        {"health", {"Health check: %1", "Проверка здоровья: %1"}},
        {"poll_conflict",
         {"Telegram gives my messages to someone else (%1): another process polls this bot's "
          "token, or a webhook was set on it. Until that stops, messages sent to me may not "
          "arrive; I keep trying.",
          "Telegram отдаёт мои сообщения кому-то другому (%1): другой процесс опрашивает токен "
          "этого бота или для него задан webhook. Пока это не прекратится, сообщения мне могут "
          "не доходить; я продолжаю попытки."}},
        {"poll_conflict_over",
         {"Messages reach me again: nothing else takes them for a while now.",
          "Сообщения снова доходят: больше никто их не забирает."}},
        {"bot_activity",
         {"Messages: %1 received, %2 sent", "Сообщения: получено %1, отправлено %2"}},
        {"bot_errors",
         {"Telegram refused: %1 × too many requests, %2 × blocked by the user, %3 × another "
          "poller (409)",
          "Отказы Telegram: %1 × слишком часто, %2 × бот заблокирован, %3 × другой опрос (409)"}},
        {"error", {"Something went wrong: %1", "Что-то пошло не так: %1"}},
        {"digest", {"Digest", "Сводка"}},
    };
    return texts;
}

} // namespace

QString languageOf(const QString& code)
{
    return code.startsWith(QLatin1String("ru")) ? QStringLiteral("ru") : QStringLiteral("en");
}

QString text(const QString& language, const char* key, const QStringList& args)
{
    const auto it = table().find(QLatin1String(key));
    if (it == table().end())
        return QLatin1String(key);
    // One pass over the template: a %N inside an argument (a person's text) stays as it is.
    const QString pattern = QString::fromUtf8(language == QLatin1String("ru") ? it->ru : it->en);
    QString result;
    result.reserve(pattern.size());
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (pattern[i] == QLatin1Char('%') && i + 1 < pattern.size() && pattern[i + 1].isDigit()) {
            const int index = pattern[i + 1].digitValue() - 1;
            if (index >= 0 && index < args.size()) {
                result += args[index];
                ++i;
                continue;
            }
        }
        result += pattern[i];
    }
    return result;
}

QString forecastLine(const QString& language, const RunForecast& f)
{
    if (!f.known())
        return text(language, "forecast_none");
    const int decimals = f.costHigh < 1 ? 4 : 2;
    const QString line = text(
        language, "forecast",
        {usd(f.costMid, decimals), usd(f.costLow, decimals), usd(f.costHigh, decimals),
         f.msMid < 60000
             ? text(language, "seconds", {QString::number(f.msMid / 1000)})
             : text(language, "minutes",
                    {QString::number(double(f.msMid) / 60000.0, 'f', f.msMid < 600000 ? 1 : 0)}),
         QString::number(f.samples)});
    return f.exceedsBudget && f.budgetLeft
               ? text(language, "forecast_exceeds", {line, usd(*f.budgetLeft, decimals)})
               : line;
}

QString money(const QString& language, double amount, double simulated, int decimals)
{
    if (simulated <= 0)
        return usd(amount, decimals);
    if (simulated >= amount - 1e-12)
        return text(language, "simulated", {usd(amount, decimals)});
    return text(language, "simulated_part", {usd(amount, decimals), usd(simulated, decimals)});
}

std::vector<std::pair<QString, QString>> commands(const QString& language)
{
    const bool ru = language == QLatin1String("ru");
    return {
        {QStringLiteral("start"),
         ru ? QStringLiteral("Помощь и меню") : QStringLiteral("Help and menu")},
        {QStringLiteral("new"), ru ? QStringLiteral("Начать проект по описанию")
                                   : QStringLiteral("Start a project from a description")},
        {QStringLiteral("projects"),
         ru ? QStringLiteral("Мои проекты") : QStringLiteral("My projects")},
        {QStringLiteral("status"),
         ru ? QStringLiteral("Состояние проекта") : QStringLiteral("Where a project is")},
        {QStringLiteral("report"),
         ru ? QStringLiteral("Отчёт файлом") : QStringLiteral("The report as a file")},
        {QStringLiteral("balance"),
         ru ? QStringLiteral("Расходы и бюджет") : QStringLiteral("Spend and budget")},
        {QStringLiteral("topup"), ru ? QStringLiteral("Пополнить бюджет (админы)")
                                     : QStringLiteral("Top up the budget (admins)")},
        {QStringLiteral("cancel"),
         ru ? QStringLiteral("Остановить проект") : QStringLiteral("Stop a project")},
        {QStringLiteral("redeploy"), ru ? QStringLiteral("Заново развернуть проект")
                                        : QStringLiteral("Deploy a project's release again")},
        {QStringLiteral("rollback"), ru ? QStringLiteral("Вернуть предыдущую версию")
                                        : QStringLiteral("Go back to the previous release")},
        {QStringLiteral("domain"), ru ? QStringLiteral("Свой домен для проекта")
                                      : QStringLiteral("A domain of yours for a project")},
        {QStringLiteral("repair"), ru ? QStringLiteral("Починить проект, политика ремонта")
                                      : QStringLiteral("Repair a project, its repair policy")},
        {QStringLiteral("away"), ru ? QStringLiteral("Пока вас не было: отчёт")
                                    : QStringLiteral("While you were away: a report")},
    };
}

} // namespace orch::bot
