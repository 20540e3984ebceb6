#include "store/Incidents.h"

#include "store/Database.h"
#include "store/SqlValues.h"

namespace orch {

QString Incident::lastAction() const
{
    return timeline.empty() ? QString() : toQ(stringOr(timeline.back(), "action"));
}

Result<Incident> Incidents::open(const QString& projectId, const QString& release, bool newRelease,
                                 const QString& detail, qint64 atMs)
{
    Incident incident;
    incident.projectId = projectId;
    incident.openedAt = atMs;
    incident.state = IncidentState::Open;
    incident.release = release;
    incident.newRelease = newRelease;
    incident.timeline =
        Json::array({{{"at", atMs}, {"action", "detected"}, {"detail", toStd(detail.left(600))}}});
    QSqlQuery& insert = m_db.prepared(QStringLiteral(
        "INSERT INTO incidents (project_id, opened_at, closed_at, state, release, new_release, "
        "timeline) VALUES (?, ?, 0, ?, ?, ?, ?)"));
    insert.addBindValue(projectId);
    insert.addBindValue(atMs);
    insert.addBindValue(incident.state);
    insert.addBindValue(release);
    insert.addBindValue(newRelease ? 1 : 0);
    insert.addBindValue(QString::fromStdString(dumpJson(incident.timeline)));
    if (auto ok = Database::exec(insert); !ok)
        return ok.failure();
    auto made = current(projectId);
    if (!made)
        return made.failure();
    if (!made->has_value())
        return Error{QStringLiteral("the incident of %1 was not kept").arg(projectId)};
    return made->value();
}

Result<std::optional<Incident>> Incidents::current(const QString& projectId)
{
    auto found = select(QStringLiteral("project_id = ? AND state <> 'resolved'"), projectId);
    if (!found)
        return found.failure();
    if (found->empty())
        return std::optional<Incident>();
    return std::optional<Incident>(found->front());
}

Result<void> Incidents::add(qint64 id, const QString& action, const QString& detail, qint64 atMs)
{
    auto found = select(QStringLiteral("id = ?"), id);
    if (!found)
        return found.failure();
    if (found->empty())
        return Error{QStringLiteral("no incident %1").arg(id), ErrorCode::NotFound};
    Json timeline = found->front().timeline;
    // Bounded: an incident that goes on for weeks keeps its start and its latest steps.
    if (timeline.size() >= 50)
        timeline.erase(timeline.begin() + 1);
    timeline.push_back(
        {{"at", atMs}, {"action", toStd(action)}, {"detail", toStd(detail.left(600))}});
    QSqlQuery& update =
        m_db.prepared(QStringLiteral("UPDATE incidents SET timeline = ? WHERE id = ?"));
    update.addBindValue(QString::fromStdString(dumpJson(timeline)));
    update.addBindValue(id);
    return Database::exec(update);
}

Result<void> Incidents::close(qint64 id, const QString& state, const QString& detail, qint64 atMs)
{
    if (auto added = add(id, state, detail, atMs); !added)
        return added;
    QSqlQuery& update =
        m_db.prepared(QStringLiteral("UPDATE incidents SET state = ?, closed_at = ? WHERE id = ?"));
    update.addBindValue(state);
    update.addBindValue(state == IncidentState::Resolved ? atMs : qint64(0));
    update.addBindValue(id);
    return Database::exec(update);
}

Result<void> Incidents::reopen(qint64 id, qint64 atMs)
{
    if (auto added = add(id, QStringLiteral("reopened"),
                         QStringLiteral("the person asked for a repair"), atMs);
        !added)
        return added;
    QSqlQuery& update =
        m_db.prepared(QStringLiteral("UPDATE incidents SET state = ?, closed_at = 0 WHERE id = ?"));
    update.addBindValue(IncidentState::Open);
    update.addBindValue(id);
    return Database::exec(update);
}

Result<std::vector<Incident>> Incidents::since(qint64 sinceMs)
{
    return select(QStringLiteral("opened_at >= ?"), sinceMs);
}

Result<std::vector<Incident>> Incidents::touching(qint64 sinceMs)
{
    return select(QStringLiteral("opened_at >= ? OR closed_at = 0"), sinceMs);
}

Result<std::vector<Incident>> Incidents::select(const QString& where, const QVariant& value)
{
    QSqlQuery& query = m_db.prepared(
        QStringLiteral("SELECT id, project_id, opened_at, closed_at, state, release, new_release, "
                       "timeline FROM incidents WHERE %1 ORDER BY id DESC")
            .arg(where));
    query.addBindValue(value);
    if (auto ok = Database::exec(query); !ok)
        return ok.failure();
    std::vector<Incident> found;
    while (query.next()) {
        Incident incident;
        incident.id = query.value(0).toLongLong();
        incident.projectId = query.value(1).toString();
        incident.openedAt = query.value(2).toLongLong();
        incident.closedAt = query.value(3).toLongLong();
        incident.state = query.value(4).toString();
        incident.release = query.value(5).toString();
        incident.newRelease = query.value(6).toInt() != 0;
        incident.timeline = parseJson(query.value(7).toString().toUtf8());
        if (!incident.timeline.is_array())
            incident.timeline = Json::array();
        found.push_back(std::move(incident));
    }
    return found;
}

} // namespace orch
