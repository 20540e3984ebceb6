#include "report/AwayReport.h"

#include "money/Usd.h"
#include "store/Incidents.h"

#include <QDateTime>
#include <QHash>

namespace orch {
namespace {

struct Words
{
    const char* en;
    const char* ru;
};

// Every phrase of the report in both languages; %N are filled in order.
const QHash<QString, Words>& words()
{
    static const QHash<QString, Words> table{
        {"title", {"While you were away: %1 to %2", "Пока вас не было: с %1 по %2"}},
        {"runs", {"🏗 Built and changed (%1)", "🏗 Создано и изменено (%1)"}},
        {"no_runs", {"No run ended.", "Ни один запуск не завершился."}},
        {"run_new", {"built", "создание"}},
        {"run_change", {"changed", "изменение"}},
        {"run_repair", {"repaired", "ремонт"}},
        {"run_line", {"- %1: %2, %3, %4", "- %1: %2, %3, %4"}},
        {"incidents", {"🚨 Incidents (%1)", "🚨 Сбои (%1)"}},
        {"no_incidents", {"None: everything kept answering.", "Нет: всё продолжало отвечать."}},
        {"incident_resolved",
         {"- %1, down on %2: answers again %3", "- %1, упал %2: снова отвечает %3"}},
        {"how_restart", {"after a restart", "после перезапуска"}},
        {"how_rollback", {"after a rollback", "после отката"}},
        {"how_repair", {"after a repair run", "после ремонтного запуска"}},
        {"how_itself", {"by itself", "сам"}},
        {"status_completed", {"completed", "завершён"}},
        {"status_failed", {"failed", "не удался"}},
        {"status_cancelled", {"cancelled", "отменён"}},
        {"status_stalled", {"stalled", "застрял"}},
        {"incident_given_up",
         {"- %1, down on %2: given up, it needs you (%3)",
          "- %1, упал %2: я сдался, нужны вы (%3)"}},
        {"incident_open", {"- %1, down since %2: %3", "- %1, не работает с %2: %3"}},
        {"uptime", {"📈 Uptime in the period", "📈 Доступность за период"}},
        {"no_deployments", {"Nothing is deployed.", "Ничего не развёрнуто."}},
        {"uptime_line", {"- %1: %2 (%3 now)", "- %1: %2 (сейчас %3)"}},
        {"not_probed", {"not probed", "не проверялся"}},
        {"healthy", {"healthy", "работает"}},
        {"unhealthy", {"NOT healthy", "НЕ работает"}},
        {"money", {"💰 Money", "💰 Деньги"}},
        {"spent",
         {"- Spent %1 (the period before: %2%3).", "- Потрачено %1 (за прошлый период: %2%3)."}},
        {"simulated",
         {"- Simulated by the offline demo model (not spent): %1.",
          "- Симуляция офлайн-демомодели (не потрачено): %1."}},
        {"budget_left", {"- Budget: %1 of %2 left.", "- Бюджет: осталось %1 из %2."}},
        {"budget_open", {"- Budget: not limited.", "- Бюджет: не ограничен."}},
        {"waiting", {"⏳ Waiting for you (%1)", "⏳ Ждёт вас (%1)"}},
        {"no_waiting", {"Nothing.", "Ничего."}},
        {"wait_question", {"- %1: a question: %2", "- %1: вопрос: %2"}},
        {"wait_budget", {"- %1: a budget top-up: %2", "- %1: пополнение бюджета: %2"}},
        {"wait_resources", {"- %1: room on a server: %2", "- %1: место на сервере: %2"}},
        {"wait_repair",
         {"- %1: your approval of a repair run (/repair %1)",
          "- %1: ваше согласие на ремонтный запуск (/repair %1)"}},
        {"wait_given_up",
         {"- %1: an incident I gave up: %2", "- %1: сбой, с которым я не справился: %2"}},
        {"advice", {"💡 Recommended", "💡 Рекомендую"}},
        {"no_advice", {"Nothing to change.", "Менять ничего не нужно."}},
        {"advice_global_budget",
         {"- The global budget runs out in about %1 days at this pace: top it up (/topup).",
          "- Общий бюджет закончится примерно через %1 дн. при таком темпе: пополните его "
          "(/topup)."}},
        {"advice_project_budget",
         {"- %1's budget runs out in about %2 days at this pace.",
          "- Бюджет «%1» закончится примерно через %2 дн. при таком темпе."}},
        {"advice_unused",
         {"- Nobody used %1: its bot has had no message since it was deployed. Tear it down if "
          "it is not needed.",
          "- «%1» никто не пользуется: его бот не получил ни одного сообщения. Удалите его, если "
          "он не нужен."}},
        {"advice_certificate",
         {"- The TLS certificate of %1 ends in %2 days: check its DNS and ports 80 and 443.",
          "- TLS-сертификат «%1» закончится через %2 дн.: проверьте DNS и порты 80 и 443."}},
        {"advice_repair_budget",
         {"- %1 spent this month's repair budget (%2): raise it (/repair %1 ask USD) if repairs "
          "should go on.",
          "- «%1» израсходовал бюджет ремонта на месяц (%2): увеличьте его (/repair %1 ask USD), "
          "если ремонт нужен."}},
    };
    return table;
}

QString say(const QString& language, const char* key, const QStringList& args = {})
{
    const Words w = words().value(QLatin1String(key), Words{key, key});
    const QString text = QString::fromUtf8(language == QLatin1String("ru") ? w.ru : w.en);
    // All at once: a value that holds "%1" (a model's words) is never filled in again.
    switch (args.size()) {
    case 0:
        return text;
    case 1:
        return text.arg(args[0]);
    case 2:
        return text.arg(args[0], args[1]);
    case 3:
        return text.arg(args[0], args[1], args[2]);
    default:
        return text.arg(args[0], args[1], args[2], args[3]);
    }
}

QString day(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd"));
}

QString moment(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

QString percent(double share)
{
    QString number = QString::number(share * 100, 'f', 1);
    if (number.endsWith(QLatin1String(".0")))
        number.chop(2);
    return number + QLatin1Char('%');
}

// How a resolved incident ended, from the last step taken about it.
QString howResolved(const QString& language, const QStringList& steps)
{
    for (auto it = steps.rbegin(); it != steps.rend(); ++it)
        if (*it == QLatin1String("restart") || *it == QLatin1String("rollback") ||
            *it == QLatin1String("repair"))
            return say(language, QByteArray("how_" + it->toUtf8()).constData());
    return say(language, "how_itself");
}

QString statusName(const QString& language, const QString& status)
{
    const QByteArray key = "status_" + status.toUtf8();
    return words().contains(QString::fromLatin1(key)) ? say(language, key.constData()) : status;
}

QString trend(double now, double before)
{
    if (before <= 0)
        return {};
    const double change = (now - before) / before * 100;
    return QStringLiteral(", %1%2%").arg(change >= 0 ? "+" : "").arg(change, 0, 'f', 0);
}

} // namespace

QString AwayReport::render(const AwayFacts& f, const QString& language, Style style)
{
    const QString& l = language;
    QString out;
    auto heading = [&](const QString& text) {
        out += (style == Style::Markdown ? QStringLiteral("\n## ") : QStringLiteral("\n")) + text +
               QLatin1Char('\n');
    };
    out += (style == Style::Markdown ? QStringLiteral("# ") : QString()) +
           say(l, "title", {day(f.sinceMs), day(f.nowMs)}) + QLatin1Char('\n');

    heading(say(l, "runs", {QString::number(f.runs.size())}));
    if (f.runs.empty())
        out += say(l, "no_runs") + QLatin1Char('\n');
    for (const AwayFacts::RunLine& run : f.runs)
        out += say(l, "run_line",
                   {run.project, say(l, QByteArray("run_" + run.kind.toUtf8()).constData()),
                    run.reason.isEmpty() ? statusName(l, run.status)
                                         : statusName(l, run.status) + QStringLiteral(" (") +
                                               run.reason.left(120) + QLatin1Char(')'),
                    usd(run.cost, 2)}) +
               QLatin1Char('\n');

    heading(say(l, "incidents", {QString::number(f.incidents.size())}));
    if (f.incidents.empty())
        out += say(l, "no_incidents") + QLatin1Char('\n');
    for (const AwayFacts::IncidentLine& incident : f.incidents) {
        const char* key = incident.state == IncidentState::Resolved  ? "incident_resolved"
                          : incident.state == IncidentState::GivenUp ? "incident_given_up"
                                                                     : "incident_open";
        const QString outcome = incident.state == IncidentState::Resolved
                                    ? howResolved(l, incident.steps)
                                    : incident.outcome.left(160);
        out +=
            say(l, key, {incident.project, moment(incident.openedAt), outcome}) + QLatin1Char('\n');
    }

    heading(say(l, "uptime"));
    if (f.uptimes.empty())
        out += say(l, "no_deployments") + QLatin1Char('\n');
    for (const AwayFacts::UptimeLine& u : f.uptimes)
        out += say(l, "uptime_line",
                   {u.project, u.uptime < 0 ? say(l, "not_probed") : percent(u.uptime),
                    say(l, u.healthyNow ? "healthy" : "unhealthy")}) +
               QLatin1Char('\n');

    heading(say(l, "money"));
    out +=
        say(l, "spent", {usd(f.spent, 2), usd(f.spentBefore, 2), trend(f.spent, f.spentBefore)}) +
        QLatin1Char('\n');
    if (f.simulated > 0)
        out += say(l, "simulated", {usd(f.simulated, 2)}) + QLatin1Char('\n');
    out += (f.global.limit
                ? say(l, "budget_left", {usd(*f.global.remaining(), 2), usd(*f.global.limit, 2)})
                : say(l, "budget_open")) +
           QLatin1Char('\n');

    heading(say(l, "waiting", {QString::number(f.waiting.size())}));
    if (f.waiting.empty())
        out += say(l, "no_waiting") + QLatin1Char('\n');
    for (const AwayFacts::Waiting& w : f.waiting)
        out += say(l, QByteArray("wait_" + w.what.toUtf8()).constData(),
                   w.what == QLatin1String("repair") ? QStringList{w.project}
                                                     : QStringList{w.project, w.detail.left(160)}) +
               QLatin1Char('\n');

    heading(say(l, "advice"));
    if (f.advice.empty())
        out += say(l, "no_advice") + QLatin1Char('\n');
    for (const AwayFacts::Advice& a : f.advice) {
        const QString number = a.what == QLatin1String("repair_budget_spent")
                                   ? usd(a.number, 2)
                                   : QString::number(a.number, 'f', 0);
        const char* key =
            a.what == QLatin1String("budget_runs_out")
                ? (a.project.isEmpty() ? "advice_global_budget" : "advice_project_budget")
            : a.what == QLatin1String("unused")      ? "advice_unused"
            : a.what == QLatin1String("certificate") ? "advice_certificate"
                                                     : "advice_repair_budget";
        const QStringList args = a.what == QLatin1String("unused") ? QStringList{a.project}
                                 : a.project.isEmpty()             ? QStringList{number}
                                                                   : QStringList{a.project, number};
        out += say(l, key, args) + QLatin1Char('\n');
    }
    return out;
}

} // namespace orch
