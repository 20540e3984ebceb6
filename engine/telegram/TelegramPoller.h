#pragma once
// Long polling with getUpdates. Each update is handed out, then its offset (update_id + 1) is
// saved through `saveOffset`, so a restart never skips an update. For exactly-once, a handler
// records the same offset in the transaction of its own effect (then saving again is a
// no-op). Network errors back off exponentially; a 429 waits the server's retry_after.

#include "telegram/TelegramApi.h"

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

private:
    void poll();
    // A batch that is not JSON: narrowed to one update, then that one is skipped by its id.
    bool skipUndecodable(const TelegramError& error);

    TelegramApi* m_api;
    qint64 m_offset;
    std::function<void(qint64)> m_saveOffset;
    Settings m_settings;
    int m_backoffMs;
    int m_limit = 100; // 1 while isolating an update that cannot be decoded
    bool m_running = false;
    QTimer m_next;
};

} // namespace orch
