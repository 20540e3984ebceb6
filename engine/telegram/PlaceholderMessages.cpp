#include "telegram/PlaceholderMessages.h"

#include "telegram/TelegramOutbox.h"

#include <QTimer>
#include <memory>

namespace orch {

PlaceholderMessages::PlaceholderMessages(TelegramOutbox& outbox, QObject* parent)
    : QObject(parent), m_outbox(outbox)
{
}

void PlaceholderMessages::open(qint64 chatId, const QString& text, std::function<void()> then)
{
    const quint64 serial = ++m_serial;
    m_pending.insert(chatId, Pending{serial, false, 0, {}});
    // Whichever comes first runs `then`; the other finds it gone.
    auto once = std::make_shared<std::function<void()>>(std::move(then));
    auto runOnce = [once] {
        if (auto then = std::exchange(*once, {}))
            then();
    };
    QTimer::singleShot(kLongestWaitMs, this, runOnce);
    ++m_onTheWay;
    m_outbox.sendText(
        chatId, text, Json(),
        [this, chatId, serial, runOnce](Json result, std::optional<TelegramError> error) {
            --m_onTheWay;
            onDelivered(chatId, serial,
                        error || !result.is_object() ? 0 : intOr(result, "message_id", 0));
            runOnce();
        });
}

void PlaceholderMessages::onDelivered(qint64 chatId, quint64 serial, qint64 messageId)
{
    auto it = m_pending.find(chatId);
    if (it == m_pending.end() || it->serial != serial)
        return; // taken already (it was not delivered then), or replaced by a newer one
    it->delivered = true;
    it->messageId = messageId;
    if (!it->use)
        return;
    auto use = std::move(it->use);
    m_pending.erase(it);
    use(messageId);
}

void PlaceholderMessages::take(qint64 chatId, std::function<void(qint64)> use)
{
    auto it = m_pending.find(chatId);
    if (it == m_pending.end())
        return use(0);
    if (!it->delivered) {
        it->use = std::move(use);
        return;
    }
    const qint64 messageId = it->messageId;
    m_pending.erase(it);
    use(messageId);
}

void PlaceholderMessages::replace(qint64 chatId, const QString& text, const Json& markup)
{
    take(chatId, [this, chatId, text, markup](qint64 messageId) {
        if (messageId == 0)
            return m_outbox.sendText(chatId, text, markup);
        if (TelegramApi::splitMessage(text).size() > 1) { // more than one message can hold
            m_outbox.send(chatId, QStringLiteral("deleteMessage"),
                          {{"chat_id", chatId}, {"message_id", messageId}});
            return m_outbox.sendText(chatId, text, markup);
        }
        Json params = {{"chat_id", chatId}, {"message_id", messageId}, {"text", toStd(text)}};
        if (!markup.is_null())
            params["reply_markup"] = markup;
        // A placeholder the person deleted meanwhile cannot be edited: the answer is sent.
        m_outbox.send(chatId, QStringLiteral("editMessageText"), params,
                      [this, chatId, text, markup](Json, std::optional<TelegramError> error) {
                          if (error)
                              m_outbox.sendText(chatId, text, markup);
                      });
    });
}

} // namespace orch
