#pragma once
// Tells a chat what happens to a deployment it started: one message per stretch of trouble,
// from "down" (or the first step taken about it) to "answers again", edited as each step of
// the incident happens, never one message per probe. An incident that may be repaired with the
// person's approval carries the button. Certificate reminders are messages of their own.

#include "api/RunEvents.h"
#include "telegram/HealthMessages.h"

#include <QHash>
#include <QObject>

namespace orch {

class Database;
class TelegramOutbox;

class HealthNotifier : public QObject
{
    Q_OBJECT
public:
    HealthNotifier(Database& database, TelegramOutbox& outbox, QObject* parent);

    void tell(qint64 chatId, const QString& language, const DeploymentHealth& health);
    // The text of a trouble message with these lines (bounded to one Telegram message).
    static QString textOf(const QStringList& lines);

private:
    struct Pending
    {
        HealthMessage message;
        bool sending = false; // its sendMessage is on the way: edits wait for its id
        bool closing = false; // it ended: forgotten once its last text is out
        QString shown;        // the text the chat has now
        Json markup;          // the buttons the message carries now
    };
    static QString lineFor(const QString& language, const DeploymentHealth& health);
    static bool ends(const QString& change);
    Pending* pendingFor(qint64 chatId, const QString& service);
    void deliver(const QString& key);

    TelegramOutbox& m_outbox;
    HealthMessages m_messages;
    QHash<QString, Pending> m_pending; // "chat|service" → the open message
};

} // namespace orch
