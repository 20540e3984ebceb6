#include "telegram/PendingStarts.h"

#include "store/Database.h"

#include <QVariant>

namespace orch {

Result<void> PendingStarts::add(const PendingStart& start)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO telegram_starts (chat_id, user_id, language, admin, name, description, "
        "anyway, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (chat_id) DO UPDATE SET "
        "user_id = excluded.user_id, language = excluded.language, admin = excluded.admin, "
        "name = excluded.name, description = excluded.description, anyway = excluded.anyway, "
        "queued_at = excluded.queued_at"));
    for (const QVariant& value :
         {QVariant(start.chatId), QVariant(start.userId), QVariant(start.language),
          QVariant(int(start.admin)), QVariant(start.name), QVariant(start.description),
          QVariant(int(start.anyway)), QVariant(start.queuedAtMs)})
        q.addBindValue(value);
    return Database::exec(q);
}

Result<void> PendingStarts::remove(qint64 chatId)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("DELETE FROM telegram_starts WHERE chat_id = ?"));
    q.addBindValue(chatId);
    return Database::exec(q);
}

Result<std::vector<PendingStart>> PendingStarts::all()
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT chat_id, user_id, language, admin, name, description, anyway, "
                       "queued_at FROM telegram_starts ORDER BY queued_at, chat_id"));
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<PendingStart> starts;
    while (q.next())
        starts.push_back({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                          q.value(3).toInt() != 0, q.value(4).toString(), q.value(5).toString(),
                          q.value(6).toInt() != 0, q.value(7).toLongLong()});
    return starts;
}

} // namespace orch
