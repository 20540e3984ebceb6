#include "telegram/HealthMessages.h"

#include "store/Database.h"

#include <QVariant>

namespace orch {

Result<std::optional<HealthMessage>> HealthMessages::open(qint64 chatId, const QString& service)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT message_id, lines FROM health_messages WHERE chat_id = ? AND service = ?"));
    q.addBindValue(chatId);
    q.addBindValue(service);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::optional<HealthMessage> found;
    if (q.next())
        found = HealthMessage{chatId, service, q.value(0).toLongLong(),
                              q.value(1).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)};
    q.finish();
    return found;
}

Result<void> HealthMessages::save(const HealthMessage& message)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO health_messages (chat_id, service, message_id, lines) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (chat_id, service) DO UPDATE SET "
                       "message_id = excluded.message_id, lines = excluded.lines"));
    q.addBindValue(message.chatId);
    q.addBindValue(message.service);
    q.addBindValue(message.messageId);
    q.addBindValue(message.lines.join(QLatin1Char('\n')));
    return Database::exec(q);
}

Result<void> HealthMessages::close(qint64 chatId, const QString& service)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("DELETE FROM health_messages WHERE chat_id = ? AND service = ?"));
    q.addBindValue(chatId);
    q.addBindValue(service);
    return Database::exec(q);
}

} // namespace orch
