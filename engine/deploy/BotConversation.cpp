#include "deploy/BotConversation.h"

#include "core/Json.h"
#include "deploy/ServerAccess.h"

#include <QDir>

namespace orch {
namespace {
constexpr int kRelayExitMissing = 3;  // bot_relay.py: no relay answers on the control socket
constexpr qint64 kRecentErrorS = 120; // an error older than this says nothing of now
constexpr qint64 kConflictS = 30;     // a 409 this recent: another poller is still at it
} // namespace

BotConversation::BotConversation(DeploySettings settings, const QByteArray& token, int timeoutMs,
                                 QObject* parent)
    : QObject(parent), m_settings(std::move(settings)),
      m_botId(QString::fromLatin1(token.left(std::max<qsizetype>(0, token.indexOf(':'))))),
      m_timeoutMs(timeoutMs)
{
}

void BotConversation::send(const QString& text)
{
    const QString folder = m_settings.botRelayFolder();
    const QStringList argv = {m_settings.python.python,
                              QDir(folder).filePath(QStringLiteral("bot_relay.py")),
                              QStringLiteral("converse"),
                              folder,
                              m_botId,
                              text.left(4096),
                              QString::number(m_timeoutMs)};
    auto done = [this](const CommandOutput& output) {
        BotExchange exchange;
        // No relay running there, or none ever installed (python3 cannot open its file).
        if (output.exitCode == kRelayExitMissing || output.err.contains("can't open file") ||
            (output.ok() && output.out.isEmpty())) {
            exchange.fault = BotFault::NoRelay;
            exchange.error = QStringLiteral("no Bot API relay answers on %1 (it starts with a "
                                            "bot's deploy there): deploy the bot first")
                                 .arg(m_settings.connectAddress());
        } else if (!output.ok()) {
            exchange.fault = BotFault::NoRelay;
            exchange.error = m_settings.remote()
                                 ? describeSshFailure(m_settings.server->server(), output)
                                 : QStringLiteral("the bot relay's check did not run: %1")
                                       .arg(QString::fromUtf8(output.err.left(300)));
        } else {
            exchange = read(output.out);
        }
        emit finished(exchange);
    };
    const int limitMs = m_timeoutMs + 15000;
    if (m_settings.remote())
        return runRemote(this, *m_settings.server, argv, limitMs, done);
    runCommand(this, argv.first(), argv.mid(1), {}, limitMs, done);
}

BotExchange BotConversation::read(const QByteArray& answer) const
{
    const Json relay = parseJson(answer.trimmed().split('\n').last());
    BotExchange exchange;
    if (!relay.is_object() || !boolOr(relay, "ok", false)) {
        exchange.fault = BotFault::NoRelay;
        exchange.error = QStringLiteral("the bot relay refused the check: %1")
                             .arg(toQ(stringOr(relay, "error")).left(200));
        return exchange;
    }
    if (const Json& counts = objectAt(relay, "counts"); !counts.empty()) {
        const Json& errors = objectAt(counts, "errors");
        exchange.activity = {true,
                             intOr(counts, "updates", 0),
                             intOr(counts, "messages", 0),
                             intOr(errors, "429", 0),
                             intOr(errors, "403", 0),
                             intOr(errors, "409", 0)};
    }
    for (const Json& reply : arrayAt(relay, "replies"))
        if (reply.is_string() && exchange.replies.size() < 20)
            exchange.replies << toQ(reply.get<std::string>()).left(4000);
    const Json error = objectAt(relay, "last_error");
    const qint64 status = intOr(error, "status", 0);
    const QString description = toQ(stringOr(error, "description")).left(200);
    const bool recent = !error.empty() && intOr(error, "age_s", kRecentErrorS) < kRecentErrorS;
    const QString conflict =
        QStringLiteral("Telegram ends the bot's getUpdates with 409 (%1): another process polls "
                       "this bot's token, so people's messages go to it at random; stop it, or "
                       "give this bot a token of its own from @BotFather")
            .arg(description);
    if (boolOr(relay, "delivered", false)) {
        exchange.ok = true;
        if (exchange.replies.isEmpty())
            exchange.fault = BotFault::NoReply;
        // The check got through (the relay hands it over itself), but people's messages
        // would not: a poller elsewhere took the token within the last moments.
        if (status == 409 && intOr(error, "age_s", kRecentErrorS) <= kConflictS) {
            exchange.ok = false;
            exchange.fault = BotFault::Conflict;
            exchange.error = conflict;
        }
        return exchange;
    }
    const QString lastError =
        recent
            ? QStringLiteral(" (Telegram's last answer to it: %1 %2)").arg(status).arg(description)
            : QString();
    const int seconds = m_timeoutMs / 1000;
    if (boolOr(relay, "webhook", false)) {
        exchange.fault = BotFault::NotPolling;
        exchange.error = QStringLiteral("the update could not be posted to the bot's webhook as "
                                        "Telegram posts it: %1")
                             .arg(toQ(stringOr(relay, "webhook_error")).left(300));
    } else if (!boolOr(relay, "polling", false)) {
        exchange.fault = BotFault::NotPolling;
        exchange.error =
            boolOr(relay, "polled_ever", false)
                ? QStringLiteral("the bot stopped fetching updates: the message waited %1 s and "
                                 "was never taken (is it stuck or crashed?)%2")
                      .arg(seconds)
                      .arg(lastError)
                : QStringLiteral("the bot never fetched updates within %1 s: it must poll "
                                 "getUpdates at the TELEGRAM_API it is given")
                      .arg(seconds);
    } else if (recent && status == 409) {
        exchange.fault = BotFault::Conflict;
        exchange.error = conflict;
    } else if (recent && (status == 401 || status == 404)) {
        exchange.fault = BotFault::TokenRefused;
        exchange.error = QStringLiteral("Telegram refuses the bot's token (%1 %2): it was revoked "
                                        "or mistyped; ask @BotFather for the token again")
                             .arg(status)
                             .arg(description);
    } else if (recent && status >= 500) {
        exchange.fault = BotFault::ApiUnreachable;
        exchange.error =
            QStringLiteral("the bot's host cannot reach the Bot API (%1)").arg(description);
    } else {
        exchange.fault = BotFault::NotPolling;
        exchange.error = QStringLiteral("the bot polls but did not take the message within %1 s%2")
                             .arg(seconds)
                             .arg(lastError);
    }
    return exchange;
}

} // namespace orch
