// RunStore's slowly changing records: projects, graph versions and reports, and how a run
// began (its first event).
#include "store/Database.h"
#include "store/RunStore.h"
#include "store/SqlValues.h"

#include <QCryptographicHash>
#include <QSqlQuery>

namespace orch {

using namespace sql;

Result<void> RunStore::createProject(const ProjectRecord& project)
{
    QSqlQuery& q = m_db->prepared(QStringLiteral("INSERT INTO projects VALUES (?, ?, ?, ?, ?)"));
    q.addBindValue(str(project.id));
    q.addBindValue(str(project.name));
    q.addBindValue(str(project.description));
    q.addBindValue(str(project.workspace));
    q.addBindValue(project.createdAt ? project.createdAt : now());
    return Database::exec(q);
}

Result<ProjectRecord> RunStore::project(const QString& id)
{
    QSqlQuery& q = m_db->prepared(QStringLiteral(
        "SELECT id, name, description, workspace, created_at FROM projects WHERE id = ?"));
    q.addBindValue(id);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("no project %1").arg(id), ErrorCode::NotFound};
    ProjectRecord p{q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), q.value(4).toLongLong()};
    q.finish();
    return p;
}

Result<std::vector<ProjectRecord>> RunStore::projects()
{
    QSqlQuery& q =
        m_db->prepared(QStringLiteral("SELECT id, name, description, workspace, created_at FROM "
                                      "projects ORDER BY created_at DESC"));
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<ProjectRecord> result;
    while (q.next())
        result.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                          q.value(3).toString(), q.value(4).toLongLong()});
    return result;
}

Result<qint64> RunStore::saveGraph(const QString& name, const Json& body)
{
    const QByteArray canonical = toBytes(body);
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(canonical, QCryptographicHash::Sha256).toHex());
    QSqlQuery& find = m_db->prepared(QStringLiteral("SELECT id FROM graphs WHERE hash = ?"));
    find.addBindValue(hash);
    if (auto ok = Database::exec(find); !ok)
        return ok.failure();
    if (find.next()) {
        const qint64 id = find.value(0).toLongLong();
        find.finish();
        return id;
    }
    QSqlQuery& insert = m_db->prepared(
        QStringLiteral("INSERT INTO graphs (name, hash, body, created_at) VALUES (?, ?, ?, ?) "
                       "RETURNING id"));
    insert.addBindValue(str(name));
    insert.addBindValue(hash);
    insert.addBindValue(QString::fromUtf8(canonical));
    insert.addBindValue(now());
    if (auto ok = Database::exec(insert); !ok)
        return ok.failure();
    const qint64 id = insert.next() ? insert.value(0).toLongLong() : 0;
    insert.finish();
    return id;
}

Result<std::vector<GraphVersion>> RunStore::graphVersions()
{
    QSqlQuery& q =
        m_db->prepared(QStringLiteral("SELECT id, name, created_at FROM graphs ORDER BY id DESC"));
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<GraphVersion> versions;
    while (q.next())
        versions.push_back(
            {q.value(0).toLongLong(), q.value(1).toString(), Json(), q.value(2).toLongLong()});
    return versions;
}

Result<Json> RunStore::graphBody(qint64 id)
{
    QSqlQuery& q = m_db->prepared(QStringLiteral("SELECT body FROM graphs WHERE id = ?"));
    q.addBindValue(id);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("no graph version %1").arg(id), ErrorCode::NotFound};
    Json body = json(q.value(0));
    q.finish();
    return body;
}

Result<void> RunStore::saveReport(const RunRecord& run, const QString& markdown,
                                  const QString& path)
{
    return saveReport(run.id, run.projectId, markdown, path);
}

Result<std::vector<ReportEntry>> RunStore::reports()
{
    QSqlQuery& q = m_db->prepared(QStringLiteral(
        "SELECT run_id, project_id, path, created_at FROM reports ORDER BY created_at DESC"));
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<ReportEntry> result;
    while (q.next())
        result.push_back({q.value(0).toString(),
                          q.value(1).toString(),
                          q.value(2).toString(),
                          q.value(3).toLongLong(),
                          {}});
    return result;
}

Result<void> RunStore::saveReport(const QString& key, const QString& projectId,
                                  const QString& markdown, const QString& path)
{
    QSqlQuery& q = m_db->prepared(QStringLiteral(
        "INSERT INTO reports VALUES (?, ?, ?, ?, ?) ON CONFLICT(run_id) DO UPDATE SET "
        "markdown = excluded.markdown, path = excluded.path, created_at = excluded.created_at"));
    q.addBindValue(key);
    q.addBindValue(str(projectId));
    q.addBindValue(markdown);
    q.addBindValue(path);
    q.addBindValue(now());
    return Database::exec(q);
}

Result<std::pair<QString, QString>> RunStore::report(const QString& runId)
{
    QSqlQuery& q =
        m_db->prepared(QStringLiteral("SELECT markdown, path FROM reports WHERE run_id = ?"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("run %1 has no report").arg(runId), ErrorCode::NotFound};
    std::pair<QString, QString> result{q.value(0).toString(), q.value(1).toString()};
    q.finish();
    return result;
}

Result<std::optional<RunEvent>> RunStore::firstEvent(const QString& runId)
{
    QSqlQuery& q = m_db->prepared(
        QStringLiteral("SELECT run_id, step_no, agent, kind, payload, created_at, id FROM events "
                       "WHERE run_id = ? ORDER BY id LIMIT 1"));
    q.addBindValue(runId);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::optional<RunEvent> first;
    if (q.next())
        first = eventFrom(q);
    q.finish();
    return first;
}

} // namespace orch
