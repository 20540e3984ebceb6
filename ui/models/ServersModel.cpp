#include "ServersModel.h"

#include <QDateTime>

namespace orch::ui {

ServersModel::ServersModel(QObject* parent)
    : RowsModel({"name", "address", "status", "statusReason", "capacityMb", "freeMb", "projects",
                 "checkedAt", "system"},
                parent)
{
}

void ServersModel::fetch()
{
    session()->engine()->servers({}, [self = QPointer<ServersModel>(this)](
                                         Result<std::vector<ServerInfo>> servers) {
        if (!self)
            return;
        if (!servers)
            return self->setError(servers.error());
        QList<QVariantMap> rows;
        for (const ServerInfo& info : servers.value()) {
            const ServerRecord& s = info.server;
            rows.append({{"name", s.name},
                         {"address", QStringLiteral("%1@%2:%3").arg(s.user, s.host).arg(s.port)},
                         {"status", s.status},
                         {"statusReason", s.statusReason},
                         {"capacityMb", s.capacityMb},
                         {"freeMb", info.freeMb},
                         {"projects", info.projects.join(QStringLiteral(", "))},
                         {"checkedAt", s.checkedAt > 0
                                           ? QVariant(QDateTime::fromMSecsSinceEpoch(s.checkedAt))
                                           : QVariant()},
                         {"system", toQ(stringOr(s.facts, "os"))}});
        }
        self->setRows(rows);
    });
}

PendingAction* ServersModel::started(const QString& action)
{
    auto* pending = new PendingAction(action, this);
    if (!session() || !session()->engine())
        pending->finish(false, tr("Not connected to an orchestrator"));
    return pending;
}

Reply<ServerInfo> ServersModel::reloadWith(PendingAction* action)
{
    return [self = QPointer<ServersModel>(this),
            action = QPointer<PendingAction>(action)](Result<ServerInfo> info) {
        if (action)
            action->finish(info.ok(), info ? QString() : info.error(),
                           info ? info->server.status : QString());
        if (self)
            self->reload();
    };
}

PendingAction* ServersModel::add(const QString& name, const QString& host, int port,
                                 const QString& user, const QString& keySecret, int capacityMb)
{
    PendingAction* action = started(QStringLiteral("add"));
    if (action->done())
        return action;
    api::ServerParams params;
    params.name = name.trimmed();
    params.host = host.trimmed();
    params.port = port;
    params.user = user.trimmed().isEmpty() ? params.user : user.trimmed();
    params.sshKeySecret = keySecret.trimmed();
    params.capacityMb = capacityMb;
    session()->engine()->addServer(params, reloadWith(action));
    return action;
}

PendingAction* ServersModel::check(const QString& name)
{
    PendingAction* action = started(QStringLiteral("check"));
    if (action->done())
        return action;
    session()->engine()->checkServer({name}, reloadWith(action));
    return action;
}

PendingAction* ServersModel::trust(const QString& name)
{
    PendingAction* action = started(QStringLiteral("trust"));
    if (action->done())
        return action;
    session()->engine()->trustServer({name}, reloadWith(action));
    return action;
}

PendingAction* ServersModel::remove(const QString& name)
{
    PendingAction* action = started(QStringLiteral("remove"));
    if (action->done())
        return action;
    session()->engine()->removeServer(
        {name}, [self = QPointer<ServersModel>(this),
                 action = QPointer<PendingAction>(action)](Result<void> removed) {
            if (action)
                action->finish(removed.ok(), removed ? QString() : removed.error());
            if (self)
                self->reload();
        });
    return action;
}

} // namespace orch::ui
