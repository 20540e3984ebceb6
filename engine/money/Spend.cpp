#include "money/Spend.h"

#include "store/Database.h"

#include <QVariant>

namespace orch {

Result<std::vector<SpendRow>> Spend::by(SpendBy dimension, qint64 sinceMs)
{
    QString key;
    QString label;
    QString from = QStringLiteral("ledger l");
    const QString day = m_db.dialect() == Database::Dialect::SQLite
                            ? QStringLiteral("date(l.created_at / 1000, 'unixepoch')")
                            : QStringLiteral("to_char(to_timestamp(l.created_at / 1000) AT TIME "
                                             "ZONE 'UTC', 'YYYY-MM-DD')");
    switch (dimension) {
    case SpendBy::Day:
        key = day;
        break;
    case SpendBy::ProjectDay:
        key = day + QStringLiteral(" || '|' || l.project_id");
        // Grouped by the whole key, so the id is read through an aggregate (PostgreSQL).
        label = QStringLiteral("COALESCE(MAX(p.name), MAX(l.project_id))");
        from += QStringLiteral(" LEFT JOIN projects p ON p.id = l.project_id");
        break;
    case SpendBy::Agent:
        key = QStringLiteral("l.agent");
        break;
    case SpendBy::Model:
        key = QStringLiteral("l.model");
        break;
    case SpendBy::Project:
        key = QStringLiteral("l.project_id");
        label = QStringLiteral("COALESCE(MAX(p.name), l.project_id)");
        from += QStringLiteral(" LEFT JOIN projects p ON p.id = l.project_id");
        break;
    }
    if (label.isEmpty())
        label = key;
    // Only fixed fragments above are spliced in; the one value is bound.
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT %1, %2, COALESCE(SUM(l.cost), 0), COUNT(*), SUM(CASE WHEN l.cost IS "
                       "NULL THEN 1 ELSE 0 END), "
                       "SUM(l.prompt_tokens), SUM(l.completion_tokens), SUM(l.cached_tokens), "
                       "COALESCE(SUM(CASE WHEN l.provider LIKE 'replay%' THEN l.cost END), 0) "
                       "FROM %3 WHERE l.created_at >= ? GROUP BY 1 ORDER BY 1")
            .arg(key, label, from));
    q.addBindValue(sinceMs);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<SpendRow> rows;
    while (q.next())
        rows.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toDouble(),
                        q.value(8).toDouble(), q.value(3).toInt(), q.value(4).toInt(),
                        q.value(5).toLongLong(), q.value(6).toLongLong(), q.value(7).toLongLong()});
    return rows;
}

} // namespace orch
