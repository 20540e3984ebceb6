#include "store/ServerRegistry.h"

#include "store/Database.h"

#include <QDateTime>
#include <QDir>
#include <QRegularExpression>
#include <QVariant>

namespace orch {
namespace {

const QString kServerColumns = QStringLiteral(
    "name, host, port, ssh_user, key_handle, capacity_mb, deploy_root, http_port, https_port, "
    "admin_port, host_keys, status, status_reason, facts, checked_at, created_at");

// In the order placementFrom reads them.
const QString kPlacementColumns =
    QStringLiteral("project_id, server, reserved_mb, measured_mb, placed_at");

ServerRecord serverFrom(const QSqlQuery& row)
{
    ServerRecord server;
    server.name = row.value(0).toString();
    server.host = row.value(1).toString();
    server.port = row.value(2).toInt();
    server.user = row.value(3).toString();
    server.keyHandle = row.value(4).toString();
    server.capacityMb = row.value(5).toInt();
    server.deployRoot = row.value(6).toString();
    server.httpPort = row.value(7).toInt();
    server.httpsPort = row.value(8).toInt();
    server.adminPort = row.value(9).toInt();
    server.hostKeys = row.value(10).toString();
    server.status = row.value(11).toString();
    server.statusReason = row.value(12).toString();
    const Json facts = parseJson(row.value(13).toString().toUtf8());
    server.facts = facts.is_object() ? facts : Json::object();
    server.checkedAt = row.value(14).toLongLong();
    server.createdAt = row.value(15).toLongLong();
    return server;
}

Placement placementFrom(const QSqlQuery& row)
{
    return {row.value(0).toString(), row.value(1).toString(), row.value(2).toInt(),
            row.value(3).toInt(), row.value(4).toLongLong()};
}

bool validPort(int port)
{
    return port > 0 && port <= 65535;
}

// A null QString binds as SQL NULL; the text columns hold "" instead.
QString notNull(const QString& text)
{
    return text.isNull() ? QStringLiteral("") : text;
}

Error invalid(const QString& message)
{
    return Error{message, ErrorCode::Invalid};
}

} // namespace

ServerRegistry::ServerRegistry(Database& database) : m_db(database) {}

bool ServerRegistry::isServerName(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9-]{0,39}$"));
    return valid.match(name).hasMatch();
}

Result<void> ServerRegistry::validate(const ServerRecord& server)
{
    // A host name or an address literal; never something ssh would read as an option.
    static const QRegularExpression host(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9.:-]{0,252}$"));
    static const QRegularExpression user(QStringLiteral("^[a-z_][a-z0-9_-]{0,31}$"));
    if (!isServerName(server.name))
        return invalid(QStringLiteral("a server's name is lower-case letters, digits and "
                                      "dashes, at most 40: '%1'")
                           .arg(server.name.left(60)));
    if (!host.match(server.host).hasMatch())
        return invalid(QStringLiteral("--host must be a host name or an address: '%1'")
                           .arg(server.host.left(60)));
    if (!validPort(server.port) || !validPort(server.httpPort) || !validPort(server.httpsPort) ||
        !validPort(server.adminPort))
        return invalid(QStringLiteral("ports are between 1 and 65535"));
    if (!user.match(server.user).hasMatch())
        return invalid(
            QStringLiteral("--user must be a Unix user name: '%1'").arg(server.user.left(60)));
    if (!server.keyHandle.startsWith(QLatin1String("server:")) || server.keyHandle.size() > 100)
        return invalid(QStringLiteral("--ssh-key-secret names a vault handle of kind server "
                                      "(server:NAME), stored with `secrets set server:NAME`"));
    if (server.capacityMb < 64 || server.capacityMb > 16 * 1024 * 1024)
        return invalid(QStringLiteral("--capacity-mb must be between 64 and 16777216"));
    const QString root = QDir::cleanPath(server.deployRoot);
    static const QRegularExpression plainPath(QStringLiteral("^/[A-Za-z0-9._/-]{1,200}$"));
    if (root != server.deployRoot || root == QLatin1String("/") ||
        !plainPath.match(root).hasMatch() || root.contains(QLatin1String("/..")))
        return invalid(QStringLiteral("--deploy-root must be a plain absolute folder, not '/': "
                                      "'%1'")
                           .arg(server.deployRoot.left(80)));
    return {};
}

Result<void> ServerRegistry::add(const ServerRecord& server)
{
    if (auto valid = validate(server); !valid)
        return valid;
    if (get(server.name))
        return Error{QStringLiteral("a server named %1 is registered already (remove it first)")
                         .arg(server.name),
                     ErrorCode::Conflict};
    QSqlQuery& insert = m_db.prepared(
        QStringLiteral("INSERT INTO servers (%1) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                       "?, ?, ?)")
            .arg(kServerColumns));
    for (const QVariant& value :
         {QVariant(server.name), QVariant(server.host), QVariant(server.port),
          QVariant(server.user), QVariant(server.keyHandle), QVariant(server.capacityMb),
          QVariant(server.deployRoot), QVariant(server.httpPort), QVariant(server.httpsPort),
          QVariant(server.adminPort), QVariant(notNull(server.hostKeys)),
          QVariant(ServerStatus::Unchecked), QVariant(QStringLiteral("")),
          QVariant(QStringLiteral("{}")), QVariant(qint64(0)),
          QVariant(QDateTime::currentMSecsSinceEpoch())})
        insert.addBindValue(value);
    return Database::exec(insert);
}

Result<std::vector<ServerRecord>> ServerRegistry::list() const
{
    QSqlQuery& select =
        m_db.prepared(QStringLiteral("SELECT %1 FROM servers ORDER BY name").arg(kServerColumns));
    if (auto ok = Database::exec(select); !ok)
        return ok.failure();
    std::vector<ServerRecord> servers;
    while (select.next())
        servers.push_back(serverFrom(select));
    return servers;
}

Result<ServerRecord> ServerRegistry::get(const QString& name) const
{
    QSqlQuery& select =
        m_db.prepared(QStringLiteral("SELECT %1 FROM servers WHERE name = ?").arg(kServerColumns));
    select.addBindValue(name);
    if (auto ok = Database::exec(select); !ok)
        return ok.failure();
    if (!select.next())
        return Error{
            QStringLiteral("no server named '%1' (servers list shows them)").arg(name.left(60)),
            ErrorCode::NotFound};
    return serverFrom(select);
}

Result<void> ServerRegistry::remove(const QString& name)
{
    if (auto found = get(name); !found)
        return found.failure();
    auto placed = placements(name);
    if (!placed)
        return placed.failure();
    if (!placed->empty()) {
        QStringList projects;
        for (const Placement& placement : placed.value())
            projects << placement.projectId;
        return Error{QStringLiteral("projects still live on %1: %2 (tear them down first)")
                         .arg(name, projects.join(QStringLiteral(", "))),
                     ErrorCode::Conflict};
    }
    QSqlQuery& remove = m_db.prepared(QStringLiteral("DELETE FROM servers WHERE name = ?"));
    remove.addBindValue(name);
    return Database::exec(remove);
}

Result<void> ServerRegistry::pinHostKeys(const QString& name, const QString& knownHostsLines)
{
    QSqlQuery& update =
        m_db.prepared(QStringLiteral("UPDATE servers SET host_keys = ? WHERE name = ?"));
    update.addBindValue(notNull(knownHostsLines));
    update.addBindValue(name);
    return Database::exec(update);
}

Result<void> ServerRegistry::recordCheck(const QString& name, const QString& status,
                                         const QString& reason, const Json& facts)
{
    QSqlQuery& update =
        m_db.prepared(QStringLiteral("UPDATE servers SET status = ?, status_reason = ?, facts = ?, "
                                     "checked_at = ? WHERE name = ?"));
    update.addBindValue(status);
    update.addBindValue(notNull(reason.left(2000)));
    update.addBindValue(
        QString::fromStdString(dumpJson(facts.is_object() ? facts : Json::object())));
    update.addBindValue(QDateTime::currentMSecsSinceEpoch());
    update.addBindValue(name);
    return Database::exec(update);
}

Result<std::optional<Placement>> ServerRegistry::placement(const QString& projectId) const
{
    QSqlQuery& select = m_db.prepared(
        QStringLiteral("SELECT %1 FROM placements WHERE project_id = ?").arg(kPlacementColumns));
    select.addBindValue(projectId);
    if (auto ok = Database::exec(select); !ok)
        return ok.failure();
    if (!select.next())
        return std::optional<Placement>();
    return std::optional<Placement>(placementFrom(select));
}

Result<std::vector<Placement>> ServerRegistry::placements(const QString& server) const
{
    QSqlQuery& select = m_db.prepared(
        QStringLiteral("SELECT %1 FROM placements WHERE ? = '' OR server = ? ORDER BY placed_at")
            .arg(kPlacementColumns));
    select.addBindValue(server);
    select.addBindValue(server);
    if (auto ok = Database::exec(select); !ok)
        return ok.failure();
    std::vector<Placement> all;
    while (select.next())
        all.push_back(placementFrom(select));
    return all;
}

Result<int> ServerRegistry::freeMb(const QString& server) const
{
    auto record = get(server);
    if (!record)
        return record.failure();
    auto placed = placements(server);
    if (!placed)
        return placed.failure();
    int used = 0;
    for (const Placement& placement : placed.value())
        used += placement.usedMb();
    return record->capacityMb - used;
}

Result<std::optional<Placement>> ServerRegistry::place(const QString& projectId, int reservedMb)
{
    std::optional<Placement> chosen;
    auto done = m_db.transaction([&]() -> Result<void> {
        auto existing = placement(projectId);
        if (!existing)
            return existing.failure();
        if (existing->has_value()) {
            chosen = existing.value();
            return {};
        }
        auto servers = list();
        if (!servers)
            return servers.failure();
        QString best;
        int bestFree = 0;
        for (const ServerRecord& server : servers.value()) {
            if (server.status != ServerStatus::Ready)
                continue;
            auto free = freeMb(server.name);
            if (!free)
                return free.failure();
            if (free.value() >= reservedMb && (best.isEmpty() || free.value() > bestFree)) {
                best = server.name;
                bestFree = free.value();
            }
        }
        if (best.isEmpty())
            return {};
        Placement placement{projectId, best, reservedMb, 0, QDateTime::currentMSecsSinceEpoch()};
        QSqlQuery& insert =
            m_db.prepared(QStringLiteral("INSERT INTO placements (%1) VALUES (?, ?, ?, 0, ?)")
                              .arg(kPlacementColumns));
        insert.addBindValue(projectId);
        insert.addBindValue(best);
        insert.addBindValue(reservedMb);
        insert.addBindValue(placement.placedAt);
        if (auto ok = Database::exec(insert); !ok)
            return ok;
        chosen = placement;
        return {};
    });
    if (!done)
        return done.failure();
    return chosen;
}

Result<QString> ServerRegistry::fingerprint() const
{
    auto servers = list();
    auto placed = placements();
    if (!servers || !placed)
        return Error{servers ? placed.error() : servers.error()};
    QStringList parts;
    for (const ServerRecord& server : servers.value())
        parts << QStringLiteral("%1:%2:%3").arg(server.name, server.status).arg(server.capacityMb);
    for (const Placement& placement : placed.value())
        parts << QStringLiteral("%1@%2:%3")
                     .arg(placement.projectId, placement.server)
                     .arg(placement.usedMb());
    return parts.join(QLatin1Char(','));
}

Result<void> ServerRegistry::recordMeasuredMemory(const QString& projectId, int measuredMb)
{
    QSqlQuery& update =
        m_db.prepared(QStringLiteral("UPDATE placements SET measured_mb = ? WHERE project_id = ?"));
    update.addBindValue(std::max(0, measuredMb));
    update.addBindValue(projectId);
    return Database::exec(update);
}

Result<void> ServerRegistry::forgetPlacement(const QString& projectId)
{
    QSqlQuery& remove =
        m_db.prepared(QStringLiteral("DELETE FROM placements WHERE project_id = ?"));
    remove.addBindValue(projectId);
    return Database::exec(remove);
}

} // namespace orch
