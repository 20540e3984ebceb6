// The commands that report and change things: /projects, /status, /report, /balance,
// /topup and /cancel.
#include "facade/Engine.h"
#include "money/Usd.h"
#include "store/RunStore.h"
#include "telegram/BotTexts.h"
#include "telegram/RunNotifier.h"
#include "telegram/TelegramBot.h"
#include "telegram/TelegramOutbox.h"

#include <QDateTime>
#include <QSet>

namespace orch {
Result<std::vector<RunRecord>> TelegramBot::visibleRuns(const Sender& from)
{
    auto all = m_engine.store().runs(); // newest first
    if (!all || from.admin)
        return all;
    auto links = m_links.forChat(from.chatId);
    if (!links)
        return links.failure();
    QSet<QString> ours;
    for (const ChatLink& link : links.value())
        ours.insert(link.runId);
    std::vector<RunRecord> visible;
    for (RunRecord& run : all.value())
        if (ours.contains(run.id))
            visible.push_back(std::move(run));
    return visible;
}

Result<RunRecord> TelegramBot::runFor(const Sender& from, const QString& which)
{
    // A user names only the projects of their own chat; admins may name any.
    auto visible = visibleRuns(from);
    if (!visible)
        return visible.failure();
    const std::vector<RunRecord>* runs = &visible.value();
    if (!which.isEmpty()) {
        auto projects = m_engine.store().projects();
        if (!projects)
            return projects.failure();
        for (const ProjectRecord& project : projects.value()) {
            if (!project.name.contains(which, Qt::CaseInsensitive) && !project.id.startsWith(which))
                continue;
            for (const RunRecord& run : *runs)
                if (run.projectId == project.id)
                    return run;
        }
        return Error{bot::text(from.language, "not_found", {which})};
    }
    auto links = m_links.forChat(from.chatId);
    if (links && !links->empty())
        return m_engine.store().run(links->front().runId);
    if (!runs->empty())
        return runs->front();
    return Error{bot::text(from.language, "no_projects")};
}

void TelegramBot::showProjects(const Sender& from)
{
    auto projects = m_engine.store().projects();
    auto runs = visibleRuns(from);
    if (!projects || !runs)
        return reply(from, bot::text(from.language, "error", {projects.error() + runs.error()}));
    if (projects->empty())
        return reply(from, bot::text(from.language, "no_projects"));
    QStringList lines{bot::text(from.language, "projects")};
    for (const ProjectRecord& project : projects.value()) {
        if (lines.size() > 15)
            break;
        // The newest run of the project this sender may see, if any.
        const RunRecord* latest = nullptr;
        for (const RunRecord& run : runs.value())
            if (run.projectId == project.id) {
                latest = &run;
                break;
            }
        if (latest)
            lines << QStringLiteral("• %1 — %2 (%3)")
                         .arg(project.name, latest->status, project.id.left(8));
    }
    if (lines.size() == 1)
        return reply(from, bot::text(from.language, "no_projects"));
    reply(from, lines.join(QLatin1Char('\n')));
}

void TelegramBot::showStatus(const Sender& from, const QString& which)
{
    auto run = runFor(from, which);
    if (!run)
        return reply(from, run.error());
    reply(from, m_notifier->statusText(run.value(), from.language));
}

void TelegramBot::sendReport(const Sender& from, const QString& which)
{
    auto run = runFor(from, which);
    if (!run)
        return reply(from, run.error());
    auto project = m_engine.store().project(run->projectId);
    const QString name = project ? project->name : run->projectId;
    auto report = m_engine.report(run->id);
    if (!report)
        return reply(from, bot::text(from.language, "no_report", {name, run->status}));
    m_outbox->sendDocument(from.chatId, QStringLiteral("report-%1.md").arg(run->id.left(8)),
                           report->toUtf8(), bot::text(from.language, "report_caption", {name}));
}

void TelegramBot::showBalance(const Sender& from)
{
    auto balances = m_engine.balances();
    if (!balances)
        return reply(from, bot::text(from.language, "error", {balances.error()}));
    const BudgetStatus& global = balances->global;
    const QString today = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd"));
    double spentToday = 0;
    for (const SpendRow& day : balances->byDay)
        if (day.key == today)
            spentToday = day.cost;
    const QString unlimited = bot::text(from.language, "unlimited");
    QString text =
        bot::text(from.language, "balance",
                  {usd(global.spent, 2), global.limit ? usd(*global.limit, 2) : unlimited,
                   global.limit ? usd(*global.remaining(), 2) : unlimited, usd(spentToday, 2)});
    if (global.unknownCostCalls > 0)
        text += QLatin1Char('\n') + bot::text(from.language, "unknown_cost",
                                              {QString::number(global.unknownCostCalls)});
    for (const SpendRow& project : balances->byProject)
        text += QStringLiteral("\n• %1: %2").arg(project.label, usd(project.cost, 2));
    reply(from, text);
}

void TelegramBot::topUp(const Sender& from, const QString& amountText)
{
    if (!from.admin)
        return reply(from, bot::text(from.language, "admins_only"));
    bool ok = false;
    const double amount = QString(amountText).remove(QLatin1Char('$')).toDouble(&ok);
    if (!ok || amount <= 0)
        return reply(from, bot::text(from.language, "topup_usage"));
    auto waitingBefore = m_engine.store().runs({RunStatus::WaitingBudget});
    auto status =
        m_engine.topUp(kGlobalScope, amount, QStringLiteral("telegram:%1").arg(from.userId));
    if (!status)
        return reply(from, bot::text(from.language, "error", {status.error()}));
    auto waitingAfter = m_engine.store().runs({RunStatus::WaitingBudget});
    const qsizetype resumed =
        waitingBefore && waitingAfter ? qsizetype(waitingBefore->size() - waitingAfter->size()) : 0;
    reply(from, bot::text(from.language, "topped_up",
                          {usd(amount, 2),
                           status->limit ? usd(*status->remaining(), 2)
                                         : bot::text(from.language, "unlimited"),
                           QString::number(resumed)}));
}

void TelegramBot::cancelRun(const Sender& from, const QString& which)
{
    std::optional<RunRecord> run;
    if (which.isEmpty()) {
        run = unfinishedRunOf(from.chatId);
    } else if (auto found = runFor(from, which); found && !RunStatus::isFinished(found->status)) {
        run = found.value();
    }
    if (!run)
        return reply(from, bot::text(from.language, "nothing_to_cancel"));
    if (auto cancelled = m_engine.cancel(run->id); !cancelled)
        return reply(from, bot::text(from.language, "error", {cancelled.error()}));
    auto project = m_engine.store().project(run->projectId);
    reply(from, bot::text(from.language, "cancelled", {project ? project->name : run->projectId}));
}

} // namespace orch
