#include "telegram/TelegramPoller.h"

#include "core/Log.h"

#include <QRegularExpression>
#include <utility>

namespace orch {

TelegramPoller::TelegramPoller(TelegramApi* api, qint64 offset,
                               std::function<void(qint64)> saveOffset, Settings settings,
                               QObject* parent)
    : QObject(parent), m_api(api), m_offset(offset), m_saveOffset(std::move(saveOffset)),
      m_settings(settings), m_backoffMs(settings.minBackoffMs)
{
    m_next.setSingleShot(true);
    connect(&m_next, &QTimer::timeout, this, &TelegramPoller::poll);
}

void TelegramPoller::start()
{
    m_running = true;
    m_next.start(0);
}

void TelegramPoller::stop()
{
    m_running = false;
    m_next.stop();
}

void TelegramPoller::poll()
{
    if (!m_running)
        return;
    const Json params = {{"offset", m_offset},
                         {"timeout", m_settings.longPollS},
                         {"limit", m_limit},
                         {"allowed_updates", {"message", "callback_query"}}};
    m_api->call(
        QStringLiteral("getUpdates"), params,
        [this](Json result, std::optional<TelegramError> error) {
            if (!m_running)
                return;
            if (error && skipUndecodable(*error)) {
                m_next.start(0);
                return;
            }
            if (error && error->httpStatus == 409 && handleConflict(*error))
                return;
            if (error) {
                const int wait = error->retryAfterS ? *error->retryAfterS * 1000 : m_backoffMs;
                if (!error->retryAfterS)
                    m_backoffMs = std::min(m_backoffMs * 2, m_settings.maxBackoffMs);
                log::get("telegram")->warn("{}; polling again in {} ms", error->message, wait);
                emit pollFailed(error->message, wait);
                m_next.start(wait);
                return;
            }
            m_backoffMs = m_settings.minBackoffMs;
            m_limit = 100;
            // Polls between another poller's win now and then: the episode ends only after
            // three long polls without a 409.
            if (m_inConflict && m_sinceConflict.elapsed() > 3000LL * m_settings.longPollS + 1000) {
                m_inConflict = false;
                emit conflictOver();
            }
            for (const auto& update : result.is_array() ? result : Json::array()) {
                const qint64 id = intOr(update, "update_id", 0);
                if (id < m_offset)
                    continue; // already handled (a server may resend)
                emit updateReceived(update);
                m_offset = id + 1;
                m_saveOffset(m_offset);
                if (!m_running)
                    return; // a handler stopped us
            }
            m_next.start(0);
        },
        (m_settings.longPollS + 10) * 1000);
}

bool TelegramPoller::handleConflict(const TelegramError& error)
{
    // https://core.telegram.org/bots/api#getupdates: "will not work if an outgoing webhook is
    // set up"; this process is configured to poll, so the webhook goes (its updates stay).
    if (error.message.contains(QLatin1String("webhook is active")) && !m_webhookDeleted) {
        m_webhookDeleted = true;
        log::get("telegram")->warn("a webhook is set on the bot's token; deleting it to poll");
        m_api->call(
            QStringLiteral("deleteWebhook"), Json{{"drop_pending_updates", false}},
            [this](Json, std::optional<TelegramError> failed) {
                if (failed)
                    log::get("telegram")->error("deleteWebhook failed: {}", failed->message);
                if (m_running)
                    m_next.start(failed ? m_backoffMs : 0);
            });
        return true;
    }
    m_sinceConflict.start();
    if (!m_inConflict) {
        m_inConflict = true;
        log::get("telegram")->error("{}: another process polls this bot's token", error.message);
        emit conflict(error.message);
    }
    return false; // polled again after the usual backoff
}

bool TelegramPoller::skipUndecodable(const TelegramError& error)
{
    if (error.undecodedBody.isEmpty())
        return false;
    if (m_limit > 1) {
        m_limit = 1; // find the one update that breaks the batch
        return true;
    }
    static const QRegularExpression idPattern(QStringLiteral("\"update_id\"\\s*:\\s*(\\d{1,18})"));
    const QRegularExpressionMatch match =
        idPattern.match(QString::fromLatin1(error.undecodedBody.left(4096)));
    if (!match.hasMatch())
        return false;
    const qint64 id = match.captured(1).toLongLong();
    if (id < m_offset)
        return false;
    log::get("telegram")->error("update {} cannot be decoded; skipping it", id);
    emit updateUndecodable(error.undecodedBody, error.message);
    m_offset = id + 1;
    m_saveOffset(m_offset);
    return true;
}

} // namespace orch
