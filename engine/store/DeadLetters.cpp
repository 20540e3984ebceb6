#include "store/DeadLetters.h"

#include "store/Database.h"
#include "store/SqlValues.h"

#include <QVariant>

namespace orch {

Result<qint64> DeadLetters::keep(const QString& source, const QString& reason,
                                 const QByteArray& body)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO dead_letters (source, reason, body, created_at) VALUES (?, ?, ?, ?) "
        "RETURNING id"));
    q.addBindValue(source);
    q.addBindValue(reason.left(2000));
    q.addBindValue(QString::fromUtf8(body.left(kMaxBodyBytes)));
    q.addBindValue(sql::now());
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    const qint64 id = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return id;
}

Result<std::vector<DeadLetter>> DeadLetters::list(const QString& source)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("SELECT id, source, reason, body, created_at FROM "
                                                "dead_letters WHERE source = ? ORDER BY id"));
    q.addBindValue(source);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<DeadLetter> letters;
    while (q.next())
        letters.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toString(),
                           q.value(3).toString().toUtf8(), q.value(4).toLongLong()});
    return letters;
}

} // namespace orch
