#include "DeployCommands.h"

#include "api/AwaitAnswer.h"
#include "api/WireFormat.h"
#include "deploy/Deployer.h"

#include <QCoreApplication>
#include <QDateTime>
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

namespace {

void printDeployment(const DeploymentRecord& d)
{
    const QString uptime = d.uptime < 0
                               ? QStringLiteral("no probes yet")
                               : QStringLiteral("%1% up this week").arg(d.uptime * 100, 0, 'f', 1);
    std::printf("%s  %s  %s  release %s  %s  %s\n", qPrintable(d.projectName),
                qPrintable(d.service),
                qPrintable(d.server.isEmpty() ? QStringLiteral("here") : d.server),
                qPrintable(d.version.left(12)), qPrintable(d.health), qPrintable(uptime));
    if (!d.url.isEmpty())
        std::printf("  %s\n", qPrintable(d.url));
    if (d.checkedAt > 0)
        std::printf("  checked %s%s%s\n",
                    qPrintable(QDateTime::fromMSecsSinceEpoch(d.checkedAt).toString(Qt::ISODate)),
                    d.detail.isEmpty() ? "" : ": ", qPrintable(d.detail.left(300)));
    if (d.memoryMb > 0)
        std::printf("  memory %d MB\n", d.memoryMb);
    if (const BotActivity& bot = d.activity; bot.known)
        std::printf("  messages %lld received, %lld sent; Telegram refused %lld × 429, %lld × 403, "
                    "%lld × 409\n",
                    bot.updates, bot.messages, bot.throttled, bot.blocked, bot.conflicts);
}

} // namespace

namespace {

// deployments domain: accepted (and where it answers now), or the record the person creates.
int giveDomain(EngineApi& engine, const QString& project, const QString& domain, bool json)
{
    std::fprintf(stderr, "checking %s…\n", qPrintable(domain.isEmpty() ? project : domain));
    auto claim = api::awaitAnswer(engine, &EngineApi::claimDomain, {project, domain});
    if (!claim) {
        printError(claim.error());
        return claim.code() == ErrorCode::Failed ? Failed : BadArguments;
    }
    if (json)
        std::printf("%s\n", dumpJson(wire::toJson(claim.value())).c_str());
    else if (!claim->accepted)
        std::printf("%s does not point at %s's server yet (it holds: %s). Create this record at "
                    "the domain's DNS, then run this again:\n  %s\n",
                    qPrintable(claim->domain), qPrintable(claim->project),
                    qPrintable(claim->found.isEmpty() ? QStringLiteral("nothing")
                                                      : claim->found.join(QStringLiteral(", "))),
                    qPrintable(claim->record));
    else
        std::printf("%s is reached at %s%s\n", qPrintable(claim->project),
                    qPrintable(claim->domain.isEmpty() ? QStringLiteral("its name in the zone")
                                                       : claim->domain),
                    qPrintable(claim->url.isEmpty() ? QStringLiteral(" from its next deploy")
                                                    : QStringLiteral(": ") + claim->url));
    return claim->accepted ? Completed : Failed;
}

} // namespace

int deploymentsCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Live deployments.\n"
        "  deployments [list]          what runs where, its health and uptime this week\n"
        "  deployments redeploy PROJECT  install and start the running release again\n"
        "  deployments rollback PROJECT  put the release before it back (again: undo)\n"
        "  deployments teardown PROJECT  stop the service and remove it (the code stays)\n"
        "  deployments domain PROJECT [NAME]  reach it at NAME (yours: once its DNS points\n"
        "                              at the project's server); no NAME: the zone's name"));
    addCommonOptions(parser);
    addEngineOptions(parser); // where the workspaces are and how this machine deploys
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("list, redeploy, rollback, teardown or domain"));
    if (!parse(parser, context))
        return BadArguments;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0, QStringLiteral("list"));
    const bool listing = action == QLatin1String("list") && args.size() <= 1;
    const bool again =
        (action == QLatin1String("redeploy") || action == QLatin1String("rollback")) &&
        args.size() == 2;
    const bool down = action == QLatin1String("teardown") && args.size() == 2;
    const bool naming = action == QLatin1String("domain") && (args.size() == 2 || args.size() == 3);
    if (!listing && !again && !down && !naming) {
        printError(QStringLiteral("usage: deployments [list] | deployments redeploy PROJECT | "
                                  "deployments rollback PROJECT | deployments teardown PROJECT | "
                                  "deployments domain PROJECT [NAME]"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, true);
    if (!engine)
        return BadArguments;
    const bool json = parser.isSet(QStringLiteral("json"));
    if (listing) {
        auto all = api::awaitAnswer(*engine, &EngineApi::deployments, {});
        if (!all) {
            printError(all.error());
            return Failed;
        }
        if (json)
            std::printf("%s\n", dumpJson(wire::listToJson(all.value())).c_str());
        else if (all->empty())
            std::printf("nothing deployed\n");
        for (const DeploymentRecord& d : all.value())
            if (!json)
                printDeployment(d);
        return Completed;
    }
    if (down) {
        std::fprintf(stderr, "taking %s down…\n", qPrintable(args[1]));
        auto removed = api::awaitAnswer(*engine, &EngineApi::teardown, {args[1]});
        if (!removed) {
            printError(removed.error());
            return removed.code() == ErrorCode::Failed ? Failed : BadArguments;
        }
        std::printf("%s is down and removed\n", qPrintable(args[1]));
        return Completed;
    }
    if (naming)
        return giveDomain(*engine, args[1], args.value(2), json);
    std::fprintf(stderr, "%s %s…\n",
                 action == QLatin1String("redeploy") ? "redeploying" : "rolling back",
                 qPrintable(args[1]));
    auto done = action == QLatin1String("redeploy")
                    ? api::awaitAnswer(*engine, &EngineApi::redeploy, {args[1]})
                    : api::awaitAnswer(*engine, &EngineApi::rollback, {args[1]});
    if (!done) {
        printError(done.error());
        return done.code() == ErrorCode::Failed ? Failed : BadArguments;
    }
    if (json)
        std::printf("%s\n", dumpJson(wire::toJson(done.value())).c_str());
    else
        printDeployment(done.value());
    return Completed;
}

} // namespace orch::cli
