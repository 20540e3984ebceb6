#include "deploy/DeploySettings.h"

#include "deploy/ServerAccess.h"

#include <QDir>
#include <QFileInfo>

namespace orch {

Result<void> DeploySettings::validate() const
{
    QStringList missing;
    if (deployRoot.isEmpty())
        missing << QStringLiteral("deploy root (--deploy-root)");
    if (httpPort <= 0)
        missing << QStringLiteral("HTTP port (--http-port)");
    if (httpsPort <= 0)
        missing << QStringLiteral("HTTPS port (--https-port)");
    if (!missing.isEmpty())
        return Error{QStringLiteral("deploys are not configured: set the %1")
                         .arg(missing.join(QStringLiteral(", ")))};
    // sockaddr_un holds 108 bytes with its terminator.
    if (caddyAdminSocket().toUtf8().size() > 100)
        return Error{QStringLiteral("the deploy root is too deep for Caddy's admin socket (%1 is "
                                    "longer than 100 bytes); choose a shorter one")
                         .arg(caddyAdminSocket())};
    return {};
}

QString DeploySettings::caddyFolder() const
{
    return caddyDir.isEmpty() ? QDir(deployRoot).filePath(QStringLiteral("caddy")) : caddyDir;
}

QString DeploySettings::caddyAdminSocket() const
{
    return QDir(caddyFolder()).filePath(QStringLiteral("admin.sock"));
}

QString DeploySettings::botRelayFolder() const
{
    return QDir(deployRoot).filePath(QStringLiteral(".bot-relay"));
}

QString DeploySettings::caRootFile() const
{
    if (!internalTls())
        return acmeIssuerRoot;
    if (remote())
        return QDir(workFolder()).filePath(QStringLiteral("caddy-root.crt"));
    return QDir(caddyFolder()).filePath(QStringLiteral("storage/pki/authorities/local/root.crt"));
}

} // namespace orch

namespace orch {

QString DeploySettings::connectAddress() const
{
    return remote() ? server->server().host : QStringLiteral("127.0.0.1");
}

DeploySettings DeploySettings::forServer(std::shared_ptr<const ServerAccess> access) const
{
    DeploySettings aimed = *this;
    const ServerRecord& record = access->server();
    aimed.workRoot = QDir(QFileInfo(workFolder()).absoluteFilePath())
                         .filePath(QStringLiteral(".servers/") + record.name);
    aimed.deployRoot = record.deployRoot;
    aimed.caddyDir.clear();
    aimed.httpPort = record.httpPort;
    aimed.httpsPort = record.httpsPort;
    aimed.server = std::move(access);
    return aimed;
}

} // namespace orch
