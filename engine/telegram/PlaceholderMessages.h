#pragma once
// The first answer to a request whose outcome takes a while ("Starting project…"), sent at
// once and taken over later: the run's progress edits it, or a refusal replaces its text.
// Telegram returns a message's id only once it is delivered, so whoever takes it may come
// first; it is called back when the id is known.

#include "core/Json.h"

#include <QHash>
#include <QObject>
#include <functional>

namespace orch {

class TelegramOutbox;

class PlaceholderMessages : public QObject
{
    Q_OBJECT
public:
    PlaceholderMessages(TelegramOutbox& outbox, QObject* parent);

    // Sends `text` to the chat as its placeholder (one per chat; a newer one replaces it).
    // `then` runs once, when Telegram has it, could not take it, or after kLongestWaitMs: what
    // the placeholder stands for starts after the person saw it, even when Telegram is slow.
    static constexpr int kLongestWaitMs = 2000;
    void open(qint64 chatId, const QString& text, std::function<void()> then = {});
    // `use` gets the chat's placeholder's message id once Telegram returned it, 0 when there
    // is none (never opened, or it could not be sent). The placeholder is then the taker's.
    void take(qint64 chatId, std::function<void(qint64 messageId)> use);
    // The placeholder becomes `text` (with `markup`): edited in, or sent when there is none.
    void replace(qint64 chatId, const QString& text, const Json& markup = Json());
    // Placeholders sent and not yet delivered (nor failed).
    int onTheWay() const { return m_onTheWay; }

private:
    struct Pending
    {
        quint64 serial = 0; // which open() this is: a delivery of an older one is ignored
        bool delivered = false;
        qint64 messageId = 0;
        std::function<void(qint64)> use;
    };
    void onDelivered(qint64 chatId, quint64 serial, qint64 messageId);

    TelegramOutbox& m_outbox;
    QHash<qint64, Pending> m_pending; // by chat
    quint64 m_serial = 0;
    int m_onTheWay = 0;
};

} // namespace orch
