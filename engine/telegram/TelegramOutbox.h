#pragma once
// Delivers the bot's outgoing calls: in order within a chat, chats in parallel. A 429 waits
// the server's retry_after; network errors and 5xx retry with backoff, so a Telegram outage
// delays messages instead of losing them. A 4xx other than 429 is final (logged).

#include "telegram/TelegramApi.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <deque>

namespace orch {

class TelegramOutbox : public QObject
{
    Q_OBJECT
public:
    // An error that another attempt cannot fix (the method is missing or not supported).
    static bool isPermanent(const TelegramError& error);
    struct Settings
    {
        int minBackoffMs = 500;
        int maxBackoffMs = 30000;
        int maxAttempts = 30; // about a quarter of an hour of outage at the longest backoff
    };

    TelegramOutbox(TelegramApi* api, Settings settings, QObject* parent);

    // `done` (optional) gets the result once delivered, or the final error.
    void send(qint64 chatId, const QString& method, const Json& params,
              TelegramApi::Done done = {});
    // sendMessage, split into Telegram-sized parts; `markup` goes with the last part.
    void sendText(qint64 chatId, const QString& text, const Json& markup = Json(),
                  TelegramApi::Done done = {});
    void sendDocument(qint64 chatId, const QString& fileName, const QByteArray& content,
                      const QString& caption);
    int pending() const;

private:
    struct Item
    {
        QString method;
        Json params;
        TelegramApi::Done done;
        QString fileName; // non-empty: an upload of `content`
        QByteArray content;
        int attempts = 0;
    };
    void enqueue(qint64 chatId, Item item);
    void deliver(qint64 chatId);
    void onDelivered(qint64 chatId, Json result, std::optional<TelegramError> error);

    TelegramApi* m_api;
    Settings m_settings;
    QHash<qint64, std::deque<Item>> m_queues;
    QSet<qint64> m_inFlight;
};

} // namespace orch
