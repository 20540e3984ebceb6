#include "store/ServerValues.h"

#include "store/Database.h"
#include "store/WriteSpool.h"

#include <QVariant>

namespace orch {

Result<std::optional<QString>> ServerValues::get(const QString& key)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("SELECT value FROM server_values WHERE key = ?"));
    q.addBindValue(key);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::optional<QString> value;
    if (q.next())
        value = q.value(0).toString();
    q.finish();
    return value;
}

Result<void> ServerValues::set(const QString& key, const QString& value)
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("INSERT INTO server_values VALUES (?, ?) ON CONFLICT(key) DO "
                                     "UPDATE SET value = excluded.value"));
    q.addBindValue(key);
    q.addBindValue(value);
    auto done = m_db.execute(q);
    // Away: the value (a Telegram offset: its updates were handled) is kept on disk until it
    // can be written, so a restart during the outage does not handle them again.
    if (!done && done.code() == ErrorCode::Unavailable && m_db.spool())
        return m_db.spool()->append(QStringLiteral("value"),
                                    {{"key", toStd(key)}, {"value", toStd(value)}});
    return done;
}

} // namespace orch
