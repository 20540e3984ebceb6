#include "telegram/TelegramOutbox.h"

#include "core/Log.h"

#include <QPointer>
#include <algorithm>

namespace orch {

bool TelegramOutbox::isPermanent(const TelegramError& error)
{
    if (error.httpStatus == 501)
        return true;
    const QString text = error.message.toLower();
    return text.contains(QLatin1String("not supported")) ||
           text.contains(QLatin1String("not implemented")) ||
           text.contains(QLatin1String("method not found")) ||
           text.contains(QLatin1String("unknown method"));
}

TelegramOutbox::TelegramOutbox(TelegramApi* api, Settings settings, QObject* parent)
    : QObject(parent), m_api(api), m_settings(settings)
{
}

int TelegramOutbox::pending() const
{
    int count = 0;
    for (const auto& queue : m_queues)
        count += int(queue.size());
    return count;
}

void TelegramOutbox::send(qint64 chatId, const QString& method, const Json& params,
                          TelegramApi::Done done)
{
    enqueue(chatId, {method, params, std::move(done), {}, {}, 0});
}

void TelegramOutbox::sendText(qint64 chatId, const QString& text, const Json& markup,
                              TelegramApi::Done done)
{
    const QStringList parts = TelegramApi::splitMessage(text);
    for (qsizetype i = 0; i < parts.size(); ++i) {
        Json params = {{"chat_id", chatId}, {"text", toStd(parts[i])}};
        const bool last = i + 1 == parts.size();
        if (last && !markup.is_null())
            params["reply_markup"] = markup;
        send(chatId, QStringLiteral("sendMessage"), params, last ? done : TelegramApi::Done());
    }
}

void TelegramOutbox::sendDocument(qint64 chatId, const QString& fileName, const QByteArray& content,
                                  const QString& caption)
{
    enqueue(chatId, {QStringLiteral("sendDocument"),
                     {{"chat_id", chatId}, {"caption", toStd(caption.left(1024))}},
                     {},
                     fileName,
                     content,
                     0});
}

void TelegramOutbox::enqueue(qint64 chatId, Item item)
{
    m_queues[chatId].push_back(std::move(item));
    if (!m_inFlight.contains(chatId))
        deliver(chatId);
}

void TelegramOutbox::deliver(qint64 chatId)
{
    auto queue = m_queues.find(chatId);
    if (queue == m_queues.end() || queue->empty()) {
        m_queues.remove(chatId);
        m_inFlight.remove(chatId);
        return;
    }
    m_inFlight.insert(chatId);
    Item& item = queue->front();
    item.attempts += 1;
    QPointer<TelegramOutbox> self(this);
    auto done = [self, chatId](Json result, std::optional<TelegramError> error) {
        if (self)
            self->onDelivered(chatId, std::move(result), std::move(error));
    };
    if (item.fileName.isEmpty()) {
        m_api->call(item.method, item.params, done);
        return;
    }
    QList<QPair<QString, QString>> fields;
    for (auto it = item.params.begin(); it != item.params.end(); ++it)
        fields.append(
            {toQ(it.key()), it->is_string() ? toQ(it->get<std::string>()) : toQ(it->dump())});
    m_api->upload(item.method, fields, QStringLiteral("document"), item.fileName, item.content,
                  done);
}

void TelegramOutbox::onDelivered(qint64 chatId, Json result, std::optional<TelegramError> error)
{
    auto queue = m_queues.find(chatId);
    if (queue == m_queues.end() || queue->empty())
        return;
    Item& item = queue->front();
    // Outages and rate limits pass; a method the server does not have or refuses stays so.
    const bool retryable =
        error && !isPermanent(*error) &&
        (error->httpStatus == 0 || error->httpStatus == 429 || error->httpStatus >= 500);
    if (retryable && item.attempts < m_settings.maxAttempts) {
        const int backoff = std::min(m_settings.maxBackoffMs,
                                     m_settings.minBackoffMs << std::min(item.attempts - 1, 10));
        const int waitMs = error->retryAfterS ? *error->retryAfterS * 1000 : backoff;
        log::get("telegram")
            ->warn("{} to chat {}: {}; retrying in {} ms", item.method, chatId, error->message,
                   waitMs);
        QTimer::singleShot(waitMs, this, [this, chatId] { deliver(chatId); });
        return;
    }
    if (error)
        log::get("telegram")
            ->error("{} to chat {} given up: {}", item.method, chatId, error->message);
    TelegramApi::Done done = std::move(item.done);
    queue->pop_front();
    if (done)
        done(std::move(result), std::move(error));
    deliver(chatId);
}

} // namespace orch
