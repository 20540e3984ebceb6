#pragma once
// The production servers: each with its address, status (and why), free memory of its
// capacity and the projects on it; registering one, checking it (the first check pins its
// host key and runs the base role), trusting a new host key, and removing one. Each action
// answers through a PendingAction and reloads the list when it is done.

#include "PendingAction.h"
#include "RowsModel.h"

namespace orch::ui {

class ServersModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit ServersModel(QObject* parent = nullptr);

    // The SSH key is named by its vault handle (server:NAME), never given here.
    Q_INVOKABLE orch::ui::PendingAction* add(const QString& name, const QString& host, int port,
                                             const QString& user, const QString& keySecret,
                                             int capacityMb);
    Q_INVOKABLE orch::ui::PendingAction* check(const QString& name);
    Q_INVOKABLE orch::ui::PendingAction* trust(const QString& name);
    Q_INVOKABLE orch::ui::PendingAction* remove(const QString& name);

protected:
    void fetch() override;

private:
    // An action whose answer reloads the list; its value is the server's status after it.
    PendingAction* started(const QString& action);
    Reply<ServerInfo> reloadWith(PendingAction* action);
};

} // namespace orch::ui
