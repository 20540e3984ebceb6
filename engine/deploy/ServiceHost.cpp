#include "deploy/ServiceHost.h"

#include <QCryptographicHash>
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

} // namespace orch::serviceHost
