#pragma once
// A round trip with a deployed Telegram bot as a user would make it. Telegram lets no one
// send to a bot as a user, so the check goes through the bot's host's relay (bot_relay.py,
// its TELEGRAM_API): the message is handed to the bot in its own getUpdates, from a chat only
// checks use, and the bot's answers to that chat are kept there instead of being sent. The
// relay is asked with its control command, here or on the project's server over SSH; the bot
// is named by its id (the number before its token's colon), so no secret travels.

#include "api/DeploymentRecords.h"
#include "deploy/DeploySettings.h"

#include <QObject>
#include <QStringList>

namespace orch {

// Why a check got no answer, for who can act on it.
enum class BotFault
{
    None,
    NoReply,        // the bot took the message and answered nothing (its code: the Developer)
    NotPolling,     // the bot never fetched it (crashed, stuck, not using TELEGRAM_API)
    Conflict,       // Telegram answers the bot 409: another process polls its token (a person)
    TokenRefused,   // Telegram refuses its token (a person)
    ApiUnreachable, // the Bot API cannot be reached from the bot's host (a person, or later)
    NoRelay,        // no relay on the host: the bot was not deployed there
};

struct BotExchange
{
    bool ok = false;     // the message reached the bot and the wait ended normally
    QStringList replies; // what the bot answered, in order (empty: nothing within the time)
    QString error;       // what went wrong, for a person (no token in it)
    BotFault fault = BotFault::None;
    BotActivity activity; // the bot's counts at the relay
};

class BotConversation : public QObject
{
    Q_OBJECT
public:
    // `settings`: the host the bot runs on (this machine or its server).
    BotConversation(DeploySettings settings, const QByteArray& token, int timeoutMs,
                    QObject* parent);
    void send(const QString& text);

signals:
    void finished(const orch::BotExchange& exchange);

private:
    BotExchange read(const QByteArray& answer) const;

    DeploySettings m_settings;
    QString m_botId;
    int m_timeoutMs;
};

} // namespace orch
Q_DECLARE_METATYPE(orch::BotExchange)
