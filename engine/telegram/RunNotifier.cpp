#include "telegram/RunNotifier.h"

#include "api/RunEvents.h"
#include "core/Guard.h"
#include "core/Log.h"
#include "money/Usd.h"
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/HealthNotifier.h"
#include "telegram/TelegramOutbox.h"

#include <QDateTime>

namespace orch {

RunNotifier::RunNotifier(EngineApi& engine, Database& database, TelegramOutbox& outbox,
                         int intervalMs, QObject* parent)
    : QObject(parent), m_engine(engine), m_outbox(outbox), m_intervalMs(intervalMs),
      m_links(database), m_health(new HealthNotifier(database, outbox, this))
{
    m_clock.start();
    connect(&engine, &EngineApi::event, this, &RunNotifier::onEvent);
}

void RunNotifier::watch(const QString& runId, qint64 chatId, const QString& language,
                        const QString& name, const QString& note, qint64 placeholderId)
{
    Progress* progress = progressFor(runId);
    if (!progress)
        return;
    progress->name = name;
    progress->note = note;
    progress->shown = bot::text(language, "started", {name});
    if (!note.isEmpty())
        progress->shown += QLatin1Char('\n') + note;
    const QString text = TelegramApi::splitMessage(progress->shown).value(0);
    if (placeholderId != 0) {
        m_lastEdit[chatId] = m_clock.elapsed();
        m_outbox.send(chatId, QStringLiteral("editMessageText"),
                      {{"chat_id", chatId}, {"message_id", placeholderId}, {"text", toStd(text)}});
        return showIn(runId, chatId, placeholderId);
    }
    m_outbox.sendText(chatId, progress->shown, Json(),
                      [this, runId, chatId](Json result, std::optional<TelegramError> error) {
                          if (!error && result.is_object())
                              showIn(runId, chatId, intOr(result, "message_id", 0));
                      });
}

void RunNotifier::showIn(const QString& runId, qint64 chatId, qint64 messageId)
{
    if (auto saved = m_links.setProgressMessage(runId, messageId); !saved)
        log::get("telegram")->error("run {}: {}", runId, saved.error());
    if (auto it = m_runs.find(runId); it != m_runs.end()) {
        it->link.progressMessageId = messageId;
        scheduleEdit(chatId); // steps that finished meanwhile
    }
}

RunNotifier::Progress* RunNotifier::progressFor(const QString& runId)
{
    if (auto it = m_runs.find(runId); it != m_runs.end())
        return &it.value();
    auto link = m_links.forRun(runId);
    if (!link || !link->has_value())
        return nullptr; // not started from Telegram
    Progress progress;
    progress.link = link->value();
    progress.name = runId.left(8);
    // A run seen first after a restart: its name, cost so far and step come from the engine.
    // The answer reflects the run when asked; events after that add to it.
    m_engine.runOverview(
        {runId},
        whenAnswered<RunOverview>(this, "a run's overview", [this, runId](Result<RunOverview> run) {
            auto it = m_runs.find(runId);
            if (!run || it == m_runs.end())
                return;
            if (it->name == runId.left(8))
                it->name = run->project.name;
            it->cost += run->cost;
            it->simulatedCost += run->simulatedCost;
            it->step = std::max(it->step, run->run.steps);
        }));
    return &m_runs.insert(runId, progress).value();
}

void RunNotifier::onEvent(const RunEvent& event)
{
    // Events carry model-made text into chat messages; a bad one costs that message only.
    (void)guarded("telegram", "a run event", [&] { notify(event); });
}

void RunNotifier::notify(const RunEvent& event)
{
    const bool interesting =
        event.kind == EventKind::StepFinished || event.kind == EventKind::LedgerEntry ||
        event.kind == EventKind::QuestionAsked || event.kind == EventKind::QuestionAnswered ||
        event.kind == EventKind::BudgetWaiting || event.kind == EventKind::RunFinished ||
        event.kind == EventKind::DeploymentHealth || event.kind == EventKind::CodingStep;
    if (!interesting)
        return;
    Progress* progress = progressFor(event.runId);
    if (!progress) {
        // The deployment's run was not started here (a repair, a change from the desktop):
        // its health goes to the chat of the project.
        if (auto health = DeploymentHealth::from(event); health && !health->projectId.isEmpty())
            findProjectChat(event, health->projectId);
        return;
    }
    if (auto charge = LedgerCharge::from(event)) {
        progress->cost += charge->cost.value_or(0.0);
        if (charge->simulated)
            progress->simulatedCost += charge->cost.value_or(0.0);
    } else if (auto step = StepFinished::from(event)) {
        progress->step = step->step;
        progress->agent = step->next.isEmpty() ? step->agent : step->next;
        progress->recent
            << QStringLiteral("%1. %2 — %3").arg(progress->step).arg(step->agent, step->outcome);
        while (progress->recent.size() > 5)
            progress->recent.removeFirst();
        progress->activity.clear();
        scheduleEdit(progress->link.chatId);
    } else if (auto activity = CodingActivity::from(event)) {
        // A coding agent works for minutes inside one step: its latest action shows it
        // moving (edits stay at most one per interval).
        if (const QString line = activity->line(); !line.isEmpty()) {
            progress->activity = QStringLiteral("▸ %1: %2").arg(event.agent, line);
            scheduleEdit(progress->link.chatId);
        }
    } else if (event.kind == EventKind::QuestionAsked) {
        if (auto question = QuestionAsked::from(event))
            sendQuestion(*progress, *question);
    } else if (event.kind == EventKind::QuestionAnswered) {
        retireQuestion(*progress);
    } else if (auto waiting = BudgetWaiting::from(event)) {
        const Json buttons = {{"inline_keyboard",
                               {{{{"text", "+$5"}, {"callback_data", "t:5"}},
                                 {{"text", "+$20"}, {"callback_data", "t:20"}}}}}};
        m_outbox.sendText(
            progress->link.chatId,
            bot::text(progress->link.language, "budget_waiting", {progress->name, waiting->reason}),
            buttons);
    } else if (auto resources = ResourcesWaiting::from(event)) {
        m_outbox.sendText(progress->link.chatId,
                          bot::text(progress->link.language, "resources_waiting",
                                    {progress->name, resources->reason}));
    } else if (event.kind == EventKind::StoreWaiting || event.kind == EventKind::StoreBack) {
        // One line in the progress message, not a message per pause.
        progress->storeAway = event.kind == EventKind::StoreWaiting;
        scheduleEdit(progress->link.chatId);
    } else if (auto health = DeploymentHealth::from(event)) {
        m_health->tell(progress->link.chatId, progress->link.language, *health);
        if (health->change == QLatin1String("repairing") && !health->run.isEmpty())
            followRepair(*progress, health->run);
    } else if (event.kind == EventKind::RunFinished) {
        // The last edit keeps to the interval too; the entry goes once it is out.
        progress->final = true;
        sendResult(*progress, event);
        scheduleEdit(progress->link.chatId);
    }
}

void RunNotifier::findProjectChat(const RunEvent& event, const QString& projectId)
{
    m_engine.projectRuns(
        {projectId},
        whenAnswered<std::vector<ProjectRun>>(
            this, "a project's chat", [this, event](Result<std::vector<ProjectRun>> runs) {
                if (!runs)
                    return;
                for (const ProjectRun& run : runs.value()) { // newest first
                    auto link = run.run.id == event.runId
                                    ? Result<std::optional<ChatLink>>(std::optional<ChatLink>())
                                    : m_links.forRun(run.run.id);
                    if (!link || !link->has_value())
                        continue;
                    ChatLink found = link->value();
                    found.runId = event.runId;
                    found.progressMessageId = 0;
                    if (auto linked = m_links.link(found); !linked)
                        return log::get("telegram")
                            ->warn("run {}: {}", event.runId, linked.error());
                    return onEvent(event);
                }
            }));
}

void RunNotifier::followRepair(const Progress& progress, const QString& runId)
{
    if (auto known = m_links.forRun(runId); !known || known->has_value())
        return; // already followed (told again after a restart)
    ChatLink link = progress.link;
    link.runId = runId;
    link.progressMessageId = 0;
    if (auto linked = m_links.link(link); !linked)
        return log::get("telegram")->warn("repair run {}: {}", runId, linked.error());
    watch(runId, link.chatId, link.language, progress.name);
}

QString RunNotifier::progressText(const Progress& progress) const
{
    const QString text =
        bot::text(progress.link.language, "progress",
                  {progress.name, QString::number(progress.step), progress.agent,
                   progress.recent.join(QLatin1Char('\n')),
                   bot::money(progress.link.language, progress.cost, progress.simulatedCost, 4)});
    const QString withActivity =
        progress.activity.isEmpty() ? text : text + QLatin1Char('\n') + progress.activity;
    const QString withNote =
        progress.note.isEmpty() ? withActivity : withActivity + QLatin1Char('\n') + progress.note;
    return progress.storeAway ? withNote + QLatin1Char('\n') +
                                    bot::text(progress.link.language, "store_waiting", {})
                              : withNote;
}

void RunNotifier::scheduleEdit(qint64 chatId)
{
    const qint64 now = m_clock.elapsed();
    const qint64 due = m_lastEdit.value(chatId, -m_intervalMs) + m_intervalMs;
    if (now >= due)
        return flushEdits(chatId);
    QTimer*& timer = m_editTimers[chatId];
    if (!timer) {
        timer = new QTimer(this);
        timer->setSingleShot(true);
        connect(timer, &QTimer::timeout, this, [this, chatId] { scheduleEdit(chatId); });
    }
    if (!timer->isActive())
        timer->start(int(due - now));
}

void RunNotifier::flushEdits(qint64 chatId)
{
    for (auto it = m_runs.begin(); it != m_runs.end();) {
        Progress& progress = it.value();
        if (progress.link.chatId != chatId || progress.link.progressMessageId == 0) {
            ++it;
            continue;
        }
        const QString text = progressText(progress);
        if ((progress.step > 0 || !progress.activity.isEmpty()) && text != progress.shown) {
            progress.shown = text;
            m_lastEdit[chatId] = m_clock.elapsed();
            // The interval counts from delivery, so a queued edit cannot bunch up with the next.
            m_outbox.send(chatId, QStringLiteral("editMessageText"),
                          {{"chat_id", chatId},
                           {"message_id", progress.link.progressMessageId},
                           {"text", toStd(TelegramApi::splitMessage(text).value(0))}},
                          [this, chatId](Json, std::optional<TelegramError>) {
                              m_lastEdit[chatId] = m_clock.elapsed();
                          });
        }
        it = progress.final ? m_runs.erase(it) : std::next(it);
    }
}

void RunNotifier::sendQuestion(Progress& progress, const QuestionAsked& question)
{
    const QString& language = progress.link.language;
    QString text = bot::text(language, "question",
                             {progress.agent.isEmpty() ? QStringLiteral("agent") : progress.agent,
                              progress.name, question.text});
    if (question.secret)
        text += QStringLiteral("\n\n") + bot::text(language, "secret_hint");
    Json rows = Json::array();
    const std::string prefix = "a:" + toStd(progress.link.runId) + ":";
    if (question.approval) {
        rows.push_back({{{"text", toStd(bot::text(language, "approve"))},
                         {"callback_data", prefix + "approve"}},
                        {{"text", toStd(bot::text(language, "reject"))},
                         {"callback_data", prefix + "reject"}}});
    } else {
        // The button carries the option's index in the question, which the answer reads back.
        for (qsizetype i = 0; i < question.options.size() && i < 10; ++i)
            if (!question.options[i].isEmpty())
                rows.push_back({{{"text", toStd(question.options[i].left(60))},
                                 {"callback_data", prefix + std::to_string(i)}}});
    }
    if (rows.empty())
        return m_outbox.sendText(progress.link.chatId, text);
    progress.questionOpen = true;
    m_outbox.sendText(
        progress.link.chatId, text, Json{{"inline_keyboard", rows}},
        [this, runId = progress.link.runId](Json result, std::optional<TelegramError> error) {
            auto it = m_runs.find(runId);
            if (it == m_runs.end() || error)
                return;
            it->questionMessageId = intOr(result, "message_id", 0);
            if (!it->questionOpen) // answered before the message went out
                retireQuestion(*it);
        });
}

void RunNotifier::retireQuestion(Progress& progress)
{
    progress.questionOpen = false;
    if (progress.questionMessageId == 0)
        return;
    m_outbox.send(progress.link.chatId, QStringLiteral("editMessageReplyMarkup"),
                  {{"chat_id", progress.link.chatId},
                   {"message_id", progress.questionMessageId},
                   {"reply_markup", {{"inline_keyboard", Json::array()}}}});
    progress.questionMessageId = 0;
}

QString RunNotifier::statusText(const RunOverview& overview, const QString& language)
{
    const RunRecord& run = overview.run;
    QString text = bot::text(language, "status",
                             {overview.project.name, RunStatus::name(run.status), run.currentAgent,
                              QString::number(run.steps),
                              bot::money(language, overview.cost, overview.simulatedCost, 4)});
    if (!overview.url.isEmpty())
        text += QLatin1Char('\n') + bot::text(language, "status_url", {overview.url});
    if (!overview.repository.isEmpty())
        text += QLatin1Char('\n') + bot::text(language, "status_repo", {overview.repository});
    if (overview.healthy)
        text += QLatin1Char('\n') +
                bot::text(language, "health",
                          {*overview.healthy ? QStringLiteral("ok") : QStringLiteral("failed")});
    if (const BotActivity& bot = overview.botActivity; bot.known) {
        text += QLatin1Char('\n') +
                bot::text(language, "bot_activity",
                          {QString::number(bot.updates), QString::number(bot.messages)});
        if (bot.throttled + bot.blocked + bot.conflicts > 0)
            text += QLatin1Char('\n') +
                    bot::text(language, "bot_errors",
                              {QString::number(bot.throttled), QString::number(bot.blocked),
                               QString::number(bot.conflicts)});
    }
    return text;
}

void RunNotifier::sendResult(const Progress& progress, const RunEvent& finished)
{
    const QString language = progress.link.language;
    const RunFinished result = RunFinished::from(finished).value_or(RunFinished{});
    const RunStatus::Value status = result.status;
    const QString headline =
        status == RunStatus::Completed
            ? bot::text(language, "finished_completed", {progress.name})
            : bot::text(language, "finished_other",
                        {progress.name, RunStatus::name(status), result.reason});
    m_engine.runOverview({progress.link.runId},
                         whenAnswered<RunOverview>(
                             this, "a run's result",
                             [this, chatId = progress.link.chatId, language, status,
                              headline](Result<RunOverview> overview) {
                                 QString text = headline;
                                 if (overview) {
                                     // The event may arrive before the store has the final row: its
                                     // status is the truth.
                                     RunOverview final = overview.value();
                                     final.run.status = status;
                                     text += QStringLiteral("\n\n") + statusText(final, language);
                                 }
                                 m_outbox.sendText(chatId, text);
                             }));
}

} // namespace orch
