#include "deploy/DeploySettings.h"

#include <QDir>

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
    if (caddyAdminPort <= 0)
        missing << QStringLiteral("Caddy admin port (--caddy-admin-port)");
    if (!missing.isEmpty())
        return Error{QStringLiteral("deploys are not configured: set the %1")
                         .arg(missing.join(QStringLiteral(", ")))};
    return {};
}

QString DeploySettings::caddyFolder() const
{
    return caddyDir.isEmpty() ? QDir(deployRoot).filePath(QStringLiteral("caddy")) : caddyDir;
}

QString DeploySettings::caRootFile() const
{
    return QDir(caddyFolder()).filePath(QStringLiteral("storage/pki/authorities/local/root.crt"));
}

} // namespace orch
