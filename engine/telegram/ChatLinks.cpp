#include "telegram/ChatLinks.h"

#include "store/Database.h"

#include <QDateTime>
#include <QVariant>

namespace orch {
namespace {
ChatLink readLink(const QSqlQuery& q)
{
    return {q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toLongLong(),
            q.value(3).toString(), q.value(4).toLongLong()};
}
const QString kColumns = QStringLiteral("run_id, chat_id, user_id, language, progress_message_id");
} // namespace

Result<void> ChatLinks::link(const ChatLink& link)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO run_chats (%1, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                       "ON CONFLICT (run_id) DO UPDATE SET chat_id = excluded.chat_id, "
                       "user_id = excluded.user_id, language = excluded.language, "
                       "progress_message_id = excluded.progress_message_id, "
                       "created_at = excluded.created_at")
            .arg(kColumns));
    q.addBindValue(link.runId);
    q.addBindValue(link.chatId);
    q.addBindValue(link.userId);
    q.addBindValue(link.language);
    q.addBindValue(link.progressMessageId);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return Database::exec(q);
}

Result<std::optional<ChatLink>> ChatLinks::forRun(const QString& runId)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT %1 FROM run_chats WHERE run_id = ?").arg(kColumns));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::optional<ChatLink> link;
    if (q.next())
        link = readLink(q);
    q.finish();
    return link;
}

Result<std::vector<ChatLink>> ChatLinks::forChat(qint64 chatId)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral(
            "SELECT %1 FROM run_chats WHERE chat_id = ? ORDER BY created_at DESC, rowid DESC")
            .arg(kColumns));
    q.addBindValue(chatId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<ChatLink> links;
    while (q.next())
        links.push_back(readLink(q));
    return links;
}

Result<bool> ChatLinks::linkedSince(qint64 chatId, qint64 sinceMs)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT 1 FROM run_chats WHERE chat_id = ? AND created_at >= ? LIMIT 1"));
    q.addBindValue(chatId);
    q.addBindValue(sinceMs);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const bool any = q.next();
    q.finish();
    return any;
}

Result<void> ChatLinks::setProgressMessage(const QString& runId, qint64 messageId)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("UPDATE run_chats SET progress_message_id = ? WHERE run_id = ?"));
    q.addBindValue(messageId);
    q.addBindValue(runId);
    return Database::exec(q);
}

} // namespace orch
