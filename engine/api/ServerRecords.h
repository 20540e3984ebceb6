#pragma once
// Production servers as the rest of the engine sees them: where a server is, how it is
// reached (a vault handle for its SSH key, its host keys pinned at first contact), how much
// memory it offers, and which projects live on it.

#include "core/Json.h"

#include <QString>
#include <QStringList>
#include <algorithm>

namespace orch {

struct ServerRecord
{
    QString name; // [a-z0-9-]+
    QString host;
    int port = 22;
    QString user;
    QString keyHandle; // the vault handle of the SSH private key (server scope)
    int capacityMb = 0;
    QString deployRoot = QStringLiteral("/srv/orchestrator");
    int httpPort = 80;
    int httpsPort = 443;
    int adminPort = 2019;        // unused: Caddy's admin API is a unix socket (kept for clients)
    QString hostKeys;            // known_hosts lines; empty until the first contact
    QString status;              // unchecked, ready, unreachable, host_key_changed
    QString statusReason;        // what the last check found wrong
    Json facts = Json::object(); // what the last check found (os, memory, packages)
    qint64 checkedAt = 0;
    qint64 createdAt = 0;
};

namespace ServerStatus {
inline const QString Unchecked = QStringLiteral("unchecked");
inline const QString Ready = QStringLiteral("ready");
inline const QString Unreachable = QStringLiteral("unreachable");
inline const QString HostKeyChanged = QStringLiteral("host_key_changed");
} // namespace ServerStatus

struct Placement
{
    QString projectId;
    QString server;
    int reservedMb = 0; // what the project declared (or the default)
    int measuredMb = 0; // what its service was last seen using (0: not measured yet)
    qint64 placedAt = 0;

    // What the placement takes from the server: the larger of the two.
    int usedMb() const { return std::max(reservedMb, measuredMb); }
};

// A server as the front ends show it: the record, what is left of its memory, who lives on
// it, and (after a check) what the base role changed.
struct ServerInfo
{
    ServerRecord server;
    int freeMb = 0;
    QStringList projects;
    QStringList changes;
};

} // namespace orch
