// The commands that report and change things: /projects, /status, /report, /balance,
// /topup and /cancel; a question's option buttons.
#include "money/Usd.h"
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/RunNotifier.h"
#include "telegram/TelegramBot.h"
#include "telegram/TelegramOutbox.h"

#include <QDateTime>
#include <QSet>

namespace orch {

QString TelegramBot::EngineView::projectName(const QString& projectId) const
{
    for (const ProjectRecord& project : projects)
        if (project.id == projectId)
            return project.name;
    return projectId;
}

void TelegramBot::withView(const Sender& from, std::function<void(const EngineView&)> then)
{
    m_engine.runs({},
                  whenAnswered<std::vector<RunRecord>>(
                      this, "the runs", [this, from, then](Result<std::vector<RunRecord>> runs) {
                          if (!runs)
                              return reply(from, bot::text(from.language, "error", {runs.error()}));
                          m_engine.projects(
                              {}, whenAnswered<std::vector<ProjectRecord>>(
                                      this, "a command",
                                      [this, from, then, runs = std::move(runs).value()](
                                          Result<std::vector<ProjectRecord>> projects) {
                                          if (!projects)
                                              return reply(from, bot::text(from.language, "error",
                                                                           {projects.error()}));
                                          then(EngineView{runs, std::move(projects).value()});
                                      }));
                      }));
}

Result<std::vector<RunRecord>> TelegramBot::visibleRuns(const EngineView& view, const Sender& from)
{
    if (from.admin)
        return view.runs;
    auto links = m_links.forChat(from.chatId);
    if (!links)
        return links.failure();
    QSet<QString> ours;
    for (const ChatLink& link : links.value())
        ours.insert(link.runId);
    std::vector<RunRecord> visible;
    for (const RunRecord& run : view.runs)
        if (ours.contains(run.id))
            visible.push_back(run);
    return visible;
}

Result<RunRecord> TelegramBot::runFor(const EngineView& view, const Sender& from,
                                      const QString& which)
{
    // A user names only the projects of their own chat; admins may name any.
    auto visible = visibleRuns(view, from);
    if (!visible)
        return visible.failure();
    const std::vector<RunRecord>& runs = visible.value();
    if (!which.isEmpty()) {
        for (const ProjectRecord& project : view.projects) {
            if (!project.name.contains(which, Qt::CaseInsensitive) && !project.id.startsWith(which))
                continue;
            for (const RunRecord& run : runs)
                if (run.projectId == project.id)
                    return run;
        }
        return Error{bot::text(from.language, "not_found", {which})};
    }
    auto links = m_links.forChat(from.chatId);
    if (links && !links->empty())
        for (const RunRecord& run : view.runs)
            if (run.id == links->front().runId)
                return run;
    if (!runs.empty())
        return runs.front();
    return Error{bot::text(from.language, "no_projects")};
}

void TelegramBot::showProjects(const Sender& from)
{
    withView(from, [this, from](const EngineView& view) {
        auto runs = visibleRuns(view, from);
        if (!runs)
            return reply(from, bot::text(from.language, "error", {runs.error()}));
        QStringList lines{bot::text(from.language, "projects")};
        for (const ProjectRecord& project : view.projects) {
            if (lines.size() > 15)
                break;
            // The newest run of the project this sender may see, if any (runs come oldest
            // first).
            const RunRecord* newest = nullptr;
            for (const RunRecord& run : runs.value())
                if (run.projectId == project.id)
                    newest = &run;
            if (newest)
                lines << QStringLiteral("• %1 — %2 (%3)")
                             .arg(project.name, RunStatus::name(newest->status),
                                  project.id.left(8));
        }
        if (lines.size() == 1)
            return reply(from, bot::text(from.language, "no_projects"));
        reply(from, lines.join(QLatin1Char('\n')));
    });
}

void TelegramBot::showStatus(const Sender& from, const QString& which)
{
    withView(from, [this, from, which](const EngineView& view) {
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        m_engine.runOverview(
            {run->id},
            whenAnswered<RunOverview>(this, "/status", [this, from](Result<RunOverview> overview) {
                if (!overview)
                    return reply(from, bot::text(from.language, "error", {overview.error()}));
                reply(from, RunNotifier::statusText(overview.value(), from.language));
            }));
    });
}

void TelegramBot::sendReport(const Sender& from, const QString& which)
{
    withView(from, [this, from, which](const EngineView& view) {
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        const QString name = view.projectName(run->projectId);
        m_engine.report(
            {run->id},
            whenAnswered<QString>(
                this, "/report", [this, from, run = run.value(), name](Result<QString> report) {
                    if (!report)
                        return reply(from, bot::text(from.language, "no_report",
                                                     {name, RunStatus::name(run.status)}));
                    m_outbox->sendDocument(
                        from.chatId, QStringLiteral("report-%1.md").arg(run.id.left(8)),
                        report->toUtf8(), bot::text(from.language, "report_caption", {name}));
                }));
    });
}

void TelegramBot::showBalance(const Sender& from)
{
    m_engine.balances(
        {}, whenAnswered<Balances>(this, "/balance", [this, from](Result<Balances> balances) {
            if (!balances)
                return reply(from, bot::text(from.language, "error", {balances.error()}));
            const BudgetStatus& global = balances->global;
            const QString today =
                QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd"));
            double spentToday = 0;
            for (const SpendRow& day : balances->byDay)
                if (day.key == today)
                    spentToday = day.cost;
            const QString unlimited = bot::text(from.language, "unlimited");
            QString text = bot::text(
                from.language, "balance",
                {usd(global.spent, 2), global.limit ? usd(*global.limit, 2) : unlimited,
                 global.limit ? usd(*global.remaining(), 2) : unlimited, usd(spentToday, 2)});
            if (global.simulated > 0)
                text += QLatin1Char('\n') +
                        bot::text(from.language, "simulated_spend", {usd(global.simulated, 2)});
            if (global.unknownCostCalls > 0)
                text += QLatin1Char('\n') + bot::text(from.language, "unknown_cost",
                                                      {QString::number(global.unknownCostCalls)});
            for (const SpendRow& project : balances->byProject)
                text += QStringLiteral("\n• %1: %2")
                            .arg(project.label,
                                 bot::money(from.language, project.cost, project.simulatedCost, 2));
            reply(from, text);
        }));
}

namespace {

qsizetype waitingForBudget(const std::vector<RunRecord>& runs)
{
    return std::count_if(runs.begin(), runs.end(), [](const RunRecord& run) {
        return run.status == RunStatus::WaitingBudget;
    });
}

} // namespace

void TelegramBot::topUp(const Sender& from, const QString& amountText)
{
    if (!from.admin)
        return reply(from, bot::text(from.language, "admins_only"));
    bool ok = false;
    const double amount = QString(amountText).remove(QLatin1Char('$')).toDouble(&ok);
    if (!ok || amount <= 0)
        return reply(from, bot::text(from.language, "topup_usage"));
    withView(from, [this, from, amount](const EngineView& before) {
        const qsizetype waitingBefore = waitingForBudget(before.runs);
        auto toldResult = [this, from, amount, waitingBefore](Result<BudgetStatus> status) {
            if (!status)
                return reply(from, bot::text(from.language, "error", {status.error()}));
            withView(from, [this, from, amount, waitingBefore,
                            status = status.value()](const EngineView& after) {
                reply(from,
                      bot::text(from.language, "topped_up",
                                {usd(amount, 2),
                                 status.limit ? usd(*status.remaining(), 2)
                                              : bot::text(from.language, "unlimited"),
                                 QString::number(waitingBefore - waitingForBudget(after.runs))}));
            });
        };
        m_engine.topUp({kGlobalScope, amount, QStringLiteral("telegram:%1").arg(from.userId)},
                       whenAnswered<BudgetStatus>(this, "/topup", std::move(toldResult)));
    });
}

void TelegramBot::changeProject(const Sender& from, const QString& argument)
{
    const qsizetype colon = argument.indexOf(QLatin1Char(':'));
    const qsizetype space = argument.indexOf(QLatin1Char(' '));
    const qsizetype cut = colon > 0 ? colon : space;
    const QString which = cut > 0 ? argument.left(cut).trimmed() : QString();
    const QString what = cut > 0 ? argument.mid(cut + 1).trimmed() : QString();
    if (which.isEmpty() || what.isEmpty())
        return reply(from, bot::text(from.language, "need_change"));
    withView(from, [this, from, which, what](const EngineView& view) {
        // Only a project this sender may see can be changed.
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        const QString name = view.projectName(run->projectId);
        m_engine.changeProject(
            {run->projectId, what},
            whenAnswered<QString>(this, "/change", [this, from, name](Result<QString> runId) {
                if (!runId)
                    return reply(from, bot::text(from.language, "error", {runId.error()}));
                follow(from, runId.value(), name);
                reply(from, bot::text(from.language, "change_started", {name}));
            }));
    });
}

void TelegramBot::cancelRun(const Sender& from, const QString& which)
{
    withView(from, [this, from, which](const EngineView& view) {
        std::optional<RunRecord> run;
        if (which.isEmpty()) {
            run = unfinishedRunOf(view, from.chatId);
        } else if (auto found = runFor(view, from, which);
                   found && !RunStatus::isFinished(found->status)) {
            run = found.value();
        }
        if (!run)
            return reply(from, bot::text(from.language, "nothing_to_cancel"));
        const QString name = view.projectName(run->projectId);
        m_engine.cancel(
            {run->id}, whenAnswered<void>(this, "/cancel", [this, from, name](Result<void> done) {
                if (!done)
                    return reply(from, bot::text(from.language, "error", {done.error()}));
                reply(from, bot::text(from.language, "cancelled", {name}));
            }));
    });
}

// An option button carries the option's index; its text comes from the run's own question.
void TelegramBot::answerWithOption(const Sender& from, const QString& runId, const QString& choice)
{
    m_engine.runOverview(
        {runId},
        whenAnswered<RunOverview>(
            this, "an option button", [this, from, runId, choice](Result<RunOverview> run) {
                const Json options = run ? arrayAt(run->question, "options") : Json::array();
                const size_t index = choice.toULongLong();
                if (index >= options.size() || !options[index].is_string())
                    return reply(from, bot::text(from.language, "not_waiting"));
                answerRun(from, runId, toQ(options[index].get<std::string>()));
            }));
}

} // namespace orch
