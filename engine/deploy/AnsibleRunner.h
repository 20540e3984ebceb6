#pragma once
// Runs one bundled playbook with ansible-playbook against this machine (local connection) or
// one server over SSH, with its own config, home and temp folders, and a 0600 vars file
// removed afterwards. ansible-playbook runs in a process group of its own, so a cancelled or
// timed-out deploy stops it with every worker and ssh it started: none is left to init.

#include "core/Json.h"

#include <QObject>
#include <QString>

namespace orch {

class AnsibleRunner : public QObject
{
    Q_OBJECT
public:
    // workDir: where the config, inventory, playbooks and vars live (created as needed).
    AnsibleRunner(QString workDir, QObject* parent);
    // Destroyed mid-run (the run was cancelled, its tools' scope dropped): the group is killed.
    ~AnsibleRunner() override;

    // A server's inventory line (ServerAccess::inventory); empty: this machine.
    void setInventory(QByteArray inventory) { m_inventory = std::move(inventory); }
    // playbook: "deploy.yml", "teardown.yml" or "bootstrap.yml" from resources/deploy (written
    // out with the helpers beside it, service_host.py).
    void run(const QString& playbook, const Json& vars, int timeoutMs = 300000);

signals:
    // outputTail: the last lines of ansible's output (no secrets: the env task is no_log).
    void finished(bool ok, const QString& outputTail);

private:
    QString prepare(const QString& playbook, QString* error);
    // SIGKILL to the running playbook's whole process group, if one runs.
    void killGroup();

    qint64 m_groupId = 0;

    QString m_workDir;
    QByteArray m_inventory;
};

} // namespace orch
