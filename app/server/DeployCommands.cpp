#include "DeployCommands.h"

#include "deploy/Deployer.h"

#include <QCoreApplication>
#include <QDir>
#include <cstdio>

namespace orch::cli {

int teardownCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Remove deployed services: their processes, Caddy sites and files (Caddy stops with the "
        "last one). Without SERVICE, every service under --deploy-root."));
    addCommonOptions(parser);
    addDeployOptions(parser);
    parser.addPositionalArgument(QStringLiteral("service"), QStringLiteral("Service name."),
                                 QStringLiteral("[SERVICE]"));
    if (!parse(parser, context))
        return BadArguments;
    bool badSettings = false;
    const auto config = settingsFile(parser, &badSettings);
    if (badSettings)
        return BadArguments;
    const DeploySettings settings =
        config ? config->engine.tools.deploy.settings : deploySettings(parser);
    if (auto valid = settings.validate(); !valid) {
        printError(valid.error());
        return BadArguments;
    }
    QStringList services = parser.positionalArguments();
    if (services.isEmpty())
        for (const QString& entry :
             QDir(settings.deployRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot))
            if (entry != QLatin1String("caddy") && !entry.startsWith(QLatin1Char('.')))
                services << entry;
    for (const QString& service : std::as_const(services))
        if (!Deployer::isServiceName(service) || !QDir(settings.deployRoot).exists(service)) {
            printError(QStringLiteral("no deployed service named '%1' under %2")
                           .arg(service.left(80), settings.deployRoot));
            return BadArguments;
        }
    Deployer deployer(settings, nullptr);
    int code = Completed;
    for (const QString& service : services) {
        bool finished = false;
        QObject::connect(
            &deployer, &Deployer::tornDown, &deployer, [&](bool ok, const QString& output) {
                if (ok) {
                    std::printf("removed %s\n", qPrintable(service));
                } else {
                    printError(QStringLiteral("teardown of %1 failed:\n%2").arg(service, output));
                    code = Failed;
                }
                finished = true;
                QCoreApplication::exit(0);
            });
        deployer.teardown(service);
        if (!finished)
            QCoreApplication::exec();
        QObject::disconnect(&deployer, &Deployer::tornDown, nullptr, nullptr);
    }
    if (services.isEmpty())
        std::printf("nothing deployed under %s\n", qPrintable(settings.deployRoot));
    return code;
}

} // namespace orch::cli
