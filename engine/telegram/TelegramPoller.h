#pragma once
// Long polling with getUpdates. Each update is handed out, then its offset (update_id + 1) is
// saved through `saveOffset`, so a restart never skips an update. For exactly-once, a handler
// records the same offset in the transaction of its own effect (then saving again is a
// no-op). Network errors back off exponentially; a 429 waits the server's retry_after.
// Telegram's 409s: a webhook set on the token (this process polls, so it deletes the webhook
// once and polls on), or another process polling it (told once per episode: `conflict`).

#include "telegram/TelegramApi.h"

#include <QElapsedTimer>
#include <QTimer>

namespace orch {

class TelegramPoller : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int longPollS = 50;
        int minBackoffMs = 500;
        int maxBackoffMs = 30000;
    };

    TelegramPoller(TelegramApi* api, qint64 offset, std::function<void(qint64)> saveOffset,
                   Settings settings, QObject* parent);

    void start();
    void stop();
    qint64 offset() const { return m_offset; }

signals:
    void updateReceived(const orch::Json& update);
    // An update whose batch could not be decoded; its offset is already past it.
    void updateUndecodable(const QByteArray& raw, const QString& reason);
    void pollFailed(const QString& reason, int retryInMs);
    // Another process polls the token: updates go to it until it stops. `over`: polls work again.
    void conflict(const QString& reason);
    void conflictOver();

private:
    void poll();
    // A batch that is not JSON: narrowed to one update, then that one is skipped by its id.
    bool skipUndecodable(const TelegramError& error);
    // A 409: true when handled (the webhook is being deleted and polling resumes).
    bool handleConflict(const TelegramError& error);

    TelegramApi* m_api;
    qint64 m_offset;
    std::function<void(qint64)> m_saveOffset;
    Settings m_settings;
    int m_backoffMs;
    int m_limit = 100; // 1 while isolating an update that cannot be decoded
    bool m_running = false;
    bool m_inConflict = false; // told about another poller, until polls work for a while
    QElapsedTimer m_sinceConflict;
    bool m_webhookDeleted = false; // once per start: a webhook that comes back is not fought
    QTimer m_next;
};

} // namespace orch
