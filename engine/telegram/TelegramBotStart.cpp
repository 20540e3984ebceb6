// Starting a project from the chat: the chat lock (a second message while one runs does not
// start another by accident) and the forecast first (one more than the budget left asks).
#include "core/Log.h"
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/RunNotifier.h"
#include "telegram/TelegramBot.h"

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
    m_starting.insert(from.chatId, name);
    // The forecast first: one that is more than the budget left asks before anything starts.
    m_engine.forecast(
        {description, {}},
        whenAnswered<RunForecast>(this, "a forecast", [=, this](Result<RunForecast> forecast) {
            if (forecast && forecast->exceedsBudget && !anyway) {
                m_starting.remove(from.chatId);
                m_heldDescriptions.insert(from.chatId, description);
                const Json button = {{"inline_keyboard",
                                      {{{{"text", toStd(bot::text(from.language, "start_anyway"))},
                                         {"callback_data", "go"}}}}}};
                return reply(from, bot::forecastLine(from.language, forecast.value()), button);
            }
            const QString note =
                forecast ? bot::forecastLine(from.language, forecast.value()) : QString();
            m_engine.startRun(
                {description},
                whenAnswered<QString>(
                    this, "a started run", [this, from, name, note](Result<QString> runId) {
                        m_starting.remove(from.chatId);
                        if (!runId)
                            return reply(from, bot::text(from.language, "error", {runId.error()}));
                        follow(from, runId.value(), name, note);
                    }));
        }));
}

void TelegramBot::follow(const Sender& from, const QString& runId, const QString& name,
                         const QString& note)
{
    if (auto linked = m_links.link({runId, from.chatId, from.userId, from.language, 0}); !linked)
        log::get("telegram")
            ->error("run {}: cannot link it to chat {}: {}", runId, from.chatId, linked.error());
    m_notifier->watch(runId, from.chatId, from.language, name, note);
}

} // namespace orch
