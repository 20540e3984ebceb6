#include "deploy/ServiceHost.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <unistd.h>

namespace orch::serviceHost {

QString localManager()
{
    return QFileInfo::exists(QStringLiteral("/run/systemd/system")) ? QStringLiteral("systemd")
                                                                    : QStringLiteral("daemon");
}

// The system user a service runs as when the orchestrator is root: its own, named with the
// prefix no system account uses, within useradd's 32 characters. Empty otherwise (the
// orchestrator's user, which cannot create others).
// On a server the SSH user is root or becomes it, so services always get their own user.
QString userFor(const QString& name, bool remote)
{
    if (!remote && geteuid() != 0)
        return {};
    const QString user = QStringLiteral("orch-") + name;
    if (user.size() <= 32)
        return user;
    const QByteArray digest = QCryptographicHash::hash(name.toUtf8(), QCryptographicHash::Sha1);
    return QStringLiteral("orch-%1-%2")
        .arg(name.left(18), QString::fromLatin1(digest.toHex().left(8)));
}

Result<void> reachableByServiceUsers(const QString& deployRoot, const QString& name)
{
    if (userFor(name, false).isEmpty())
        return {};
    for (QDir dir(QFileInfo(deployRoot).absoluteFilePath());; dir.cdUp()) {
        const QFileInfo info(dir.absolutePath());
        if (info.exists() && !(info.permissions() & QFileDevice::ExeOther))
            return Error{QStringLiteral("services run as their own users, who cannot reach the "
                                        "deploy root through %1: let others pass it "
                                        "(chmod o+x %1) or choose another deploy root")
                             .arg(info.absoluteFilePath())};
        if (dir.isRoot())
            return {};
    }
}

} // namespace orch::serviceHost
