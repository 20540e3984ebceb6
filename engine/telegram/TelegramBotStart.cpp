// Starting a project from the chat: the chat lock (a second message while one runs does not
// start another by accident) and the forecast first (one more than the budget left asks).
#include "core/Log.h"
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/PlaceholderMessages.h"
#include "telegram/RunNotifier.h"
#include "telegram/TelegramBot.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace orch {

// The chat lock: a second message while a project runs does not start another by accident.
void TelegramBot::startUnlessBusy(const EngineView& view, const Sender& from,
                                  const QString& description)
{
    // A start still on its way counts too: the engine has not answered it yet.
    QString busyWith = m_starting.value(from.chatId);
    if (busyWith.isEmpty())
        if (auto busy = unfinishedRunOf(view, from.chatId))
            busyWith = view.projectName(busy->projectId);
    if (busyWith.isEmpty())
        return startProject(from, description);
    m_heldDescriptions.insert(from.chatId, description);
    const Json button = {{"inline_keyboard",
                          {{{{"text", toStd(bot::text(from.language, "start_another"))},
                             {"callback_data", "new"}}}}}};
    reply(from, bot::text(from.language, "busy", {busyWith}), button);
}

void TelegramBot::startProject(const Sender& from, const QString& description, bool anyway)
{
    const QString name = description.simplified().left(60);
    answerThenQueue(from, name, description, anyway, "starting");
    // Kept with the update's offset (saveHandled; a start is always an update's): a process
    // that ends before the start's outcome leaves it to the next one (resumePendingStarts),
    // not the chat at "Starting…".
    m_unsavedStarts.push_back({from.chatId, from.userId, from.language, from.admin, name,
                               description, anyway, QDateTime::currentMSecsSinceEpoch()});
}

void TelegramBot::answerThenQueue(const Sender& from, const QString& name,
                                  const QString& description, bool anyway, const char* textKey)
{
    m_starting.insert(from.chatId, name);
    // The person hears at once; the forecast and the start (store writes, the run's first
    // steps) wait until Telegram has the answer, so with many chats at once their answers go
    // out ahead of the work they start.
    m_placeholders->open(from.chatId, bot::text(from.language, textKey, {name}), [=, this] {
        if (m_stopping)
            return tellNotStarted(from, name);
        m_startQueue.push_back({from, name, description, anyway, m_clock.elapsed()});
        m_startTimer.start(0);
    });
}

// A process that ended (killed, its machine lost) between a chat's "Starting…" and the start's
// outcome left the start in the store: it starts now and the chat hears why it is late, unless
// a run was linked to the chat since it was asked for (the start got through before the end).
void TelegramBot::resumePendingStarts()
{
    auto pending = m_pendingStarts.all();
    if (!pending)
        return log::get("telegram")->error("cannot read the starts left: {}", pending.error());
    for (const PendingStart& start : pending.value()) {
        if (m_starting.contains(start.chatId)) // this process's own, on its way
            continue;
        if (auto started = m_links.linkedSince(start.chatId, start.queuedAtMs);
            started && started.value()) {
            forgetPendingStart(start.chatId);
            continue;
        }
        log::get("telegram")
            ->info("chat {}: starting {}, left by the last process", start.chatId, start.name);
        answerThenQueue({start.userId, start.chatId, start.language, start.admin, 0}, start.name,
                        start.description, start.anyway, "start_resumed");
    }
}

void TelegramBot::forgetPendingStart(qint64 chatId)
{
    if (auto forgotten = m_pendingStarts.remove(chatId); !forgotten)
        log::get("telegram")
            ->error("chat {}: a start's outcome is not recorded: {}", chatId, forgotten.error());
}

// The bot stops with starts still waiting: their chats are told, not left at "Starting…".
void TelegramBot::dropQueuedStarts()
{
    m_startTimer.stop();
    for (const QueuedStart& queued : m_startQueue)
        tellNotStarted(queued.from, queued.name);
    m_startQueue.clear();
}

void TelegramBot::tellNotStarted(const Sender& from, const QString& name)
{
    m_starting.remove(from.chatId);
    forgetPendingStart(from.chatId);
    m_placeholders->replace(from.chatId, bot::text(from.language, "start_interrupted", {name}));
}

// Answers before work: while another chat's "Starting…" is on its way, starts wait (up to
// kAnswersFirstMs), so a burst of people all hear back before the work their messages start
// (a forecast, store writes, then the runs' steps) takes the event loop; then a few
// milliseconds of starts per pass, the deliveries and updates that arrive handled between.
void TelegramBot::startNextQueued()
{
    if (m_startQueue.empty())
        return m_startTimer.stop();
    if (m_placeholders->onTheWay() > 0 &&
        m_clock.elapsed() - m_startQueue.front().queuedAt < kAnswersFirstMs)
        return m_startTimer.start(kAnswersPollMs); // not a busy wait
    m_startTimer.start(0);
    QElapsedTimer slice;
    slice.start();
    do {
        const QueuedStart next = std::move(m_startQueue.front());
        m_startQueue.pop_front();
        forecastThenStart(next);
    } while (!m_startQueue.empty() && slice.elapsed() < kStartSliceMs);
}

void TelegramBot::forecastThenStart(const QueuedStart& queued)
{
    const auto& [from, name, description, anyway, queuedAt] = queued;
    // The forecast first: one that is more than the budget left asks before anything starts.
    m_engine.forecast(
        {description, {}},
        whenAnswered<RunForecast>(this, "a forecast", [=, this](Result<RunForecast> forecast) {
            if (forecast && forecast->exceedsBudget && !anyway) {
                m_starting.remove(from.chatId);
                forgetPendingStart(from.chatId);
                m_heldDescriptions.insert(from.chatId, description);
                const Json button = {{"inline_keyboard",
                                      {{{{"text", toStd(bot::text(from.language, "start_anyway"))},
                                         {"callback_data", "go"}}}}}};
                return m_placeholders->replace(
                    from.chatId, bot::forecastLine(from.language, forecast.value()), button);
            }
            const QString note =
                forecast ? bot::forecastLine(from.language, forecast.value()) : QString();
            m_engine.startRun(
                {description},
                whenAnswered<QString>(
                    this, "a started run", [this, from, name, note](Result<QString> runId) {
                        m_starting.remove(from.chatId);
                        if (runId) // linked first: the link is what tells a restart it began
                            follow(from, runId.value(), name, note);
                        else
                            m_placeholders->replace(
                                from.chatId, bot::text(from.language, "error", {runId.error()}));
                        forgetPendingStart(from.chatId);
                    }));
        }));
}

void TelegramBot::follow(const Sender& from, const QString& runId, const QString& name,
                         const QString& note)
{
    if (auto linked = m_links.link({runId, from.chatId, from.userId, from.language, 0}); !linked)
        log::get("telegram")
            ->error("run {}: cannot link it to chat {}: {}", runId, from.chatId, linked.error());
    // The chat's "Starting…" becomes the progress message (a run followed otherwise, as a
    // change, finds none and gets a message of its own).
    m_placeholders->take(from.chatId, [=, this](qint64 placeholderId) {
        m_notifier->watch(runId, from.chatId, from.language, name, note, placeholderId);
    });
}

} // namespace orch
