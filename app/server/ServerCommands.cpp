#include "ServerCommands.h"

#include "api/AwaitAnswer.h"
#include "api/WireFormat.h"

#include <QDateTime>
#include <cstdio>

namespace orch::cli {
namespace {

const char* kUsageLine =
    "usage: servers add NAME --host H --ssh-key-secret server:NAME --capacity-mb N [--port P] "
    "[--user U] [--deploy-root DIR] [--http-port P] [--https-port P] | "
    "servers list | servers remove NAME | servers check NAME | servers trust NAME";

void printServer(const ServerInfo& info)
{
    const ServerRecord& s = info.server;
    std::printf("%s  %s@%s:%d  %s  %d of %d MB free  projects: %s\n", qPrintable(s.name),
                qPrintable(s.user), qPrintable(s.host), s.port, qPrintable(s.status), info.freeMb,
                s.capacityMb,
                info.projects.isEmpty() ? "none"
                                        : qPrintable(info.projects.join(QStringLiteral(", "))));
    if (!s.statusReason.isEmpty())
        std::printf("  why: %s\n", qPrintable(s.statusReason));
    if (s.checkedAt > 0) {
        const Json& f = s.facts;
        std::printf("  checked %s: %s, %lld MB memory (%lld available), %s, caddy %s, "
                    "privileges %s\n",
                    qPrintable(QDateTime::fromMSecsSinceEpoch(s.checkedAt).toString(Qt::ISODate)),
                    stringOr(f, "os", "unknown system").c_str(),
                    f.value("memory_mb", Json(0)).is_number() ? f.value("memory_mb", 0LL) : 0LL,
                    f.value("available_mb", Json(0)).is_number() ? f.value("available_mb", 0LL)
                                                                 : 0LL,
                    stringOr(f, "systemd") == "yes" ? "systemd" : "no systemd",
                    stringOr(f, "caddy_version", "missing").c_str(),
                    stringOr(f, "privileges", "unknown").c_str());
    }
    for (const QString& change : info.changes)
        std::printf("  changed: %s\n", qPrintable(change));
}

int intOption(const QCommandLineParser& parser, const QString& name, int fallback, bool* bad)
{
    if (!parser.isSet(name))
        return fallback;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok) {
        printError(QStringLiteral("--%1 must be a whole number").arg(name));
        *bad = true;
    }
    return value;
}

} // namespace

int serversCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Production servers, reached over SSH with a key from the vault.\n"
        "  servers add NAME --host H --ssh-key-secret server:NAME --capacity-mb N\n"
        "                    register a server (store its private key first: `secrets set\n"
        "                    server:NAME < KEYFILE`)\n"
        "  servers check NAME  pin its host key at first contact, read what it has, run the\n"
        "                    base role (packages, deploy root, Caddy); ready when it can deploy\n"
        "  servers trust NAME  pin the host key it shows now (after a reinstall), then check\n"
        "  servers list      servers, their free memory and the projects on them\n"
        "  servers remove NAME"));
    addCommonOptions(parser);
    parser.addOption(
        {QStringLiteral("host"), QStringLiteral("Host name or address."), QStringLiteral("H")});
    parser.addOption(
        {QStringLiteral("port"), QStringLiteral("SSH port (22)."), QStringLiteral("P")});
    parser.addOption(
        {QStringLiteral("user"), QStringLiteral("SSH user (root)."), QStringLiteral("U")});
    parser.addOption({QStringLiteral("ssh-key-secret"),
                      QStringLiteral("Vault handle of the SSH private key."),
                      QStringLiteral("HANDLE")});
    parser.addOption({QStringLiteral("capacity-mb"),
                      QStringLiteral("Memory the server offers to projects."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("deploy-root"),
                      QStringLiteral("Where services live there (/srv/orchestrator)."),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("http-port"), QStringLiteral("Caddy's HTTP port (80)."),
                      QStringLiteral("P")});
    parser.addOption({QStringLiteral("https-port"), QStringLiteral("Caddy's HTTPS port (443)."),
                      QStringLiteral("P")});
    // Accepted from older scripts and ignored: Caddy's admin API is a unix socket now.
    QCommandLineOption adminPort(QStringLiteral("caddy-admin-port"), QString(),
                                 QStringLiteral("P"));
    adminPort.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(adminPort);
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("add, list, remove, check or trust"));
    if (!parse(parser, context))
        return BadArguments;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    const bool named =
        args.size() == 2 && QStringList{QStringLiteral("add"), QStringLiteral("remove"),
                                        QStringLiteral("check"), QStringLiteral("trust")}
                                .contains(action);
    if (!named && !(action == QLatin1String("list") && args.size() == 1)) {
        printError(QString::fromLatin1(kUsageLine));
        return BadArguments;
    }
    api::ServerParams params;
    bool bad = false;
    if (action == QLatin1String("add")) {
        for (const char* required : {"host", "ssh-key-secret", "capacity-mb"})
            if (!parser.isSet(QString::fromLatin1(required))) {
                printError(QStringLiteral("servers add needs --%1").arg(QLatin1String(required)));
                return BadArguments;
            }
        params.name = args[1];
        params.host = parser.value(QStringLiteral("host"));
        params.port = intOption(parser, QStringLiteral("port"), params.port, &bad);
        params.user = parser.isSet(QStringLiteral("user")) ? parser.value(QStringLiteral("user"))
                                                           : params.user;
        params.sshKeySecret = parser.value(QStringLiteral("ssh-key-secret"));
        params.capacityMb = intOption(parser, QStringLiteral("capacity-mb"), 0, &bad);
        if (parser.isSet(QStringLiteral("deploy-root")))
            params.deployRoot = parser.value(QStringLiteral("deploy-root"));
        params.httpPort = intOption(parser, QStringLiteral("http-port"), params.httpPort, &bad);
        params.httpsPort = intOption(parser, QStringLiteral("https-port"), params.httpsPort, &bad);
        params.caddyAdminPort =
            intOption(parser, QStringLiteral("caddy-admin-port"), params.caddyAdminPort, &bad);
    }
    if (bad)
        return BadArguments;
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    const bool json = parser.isSet(QStringLiteral("json"));
    auto show = [json](const Result<ServerInfo>& info) {
        if (!info) {
            printError(info.error());
            return info.code() == ErrorCode::Invalid || info.code() == ErrorCode::NotFound ||
                           info.code() == ErrorCode::Conflict
                       ? int(BadArguments)
                       : int(Failed);
        }
        if (json)
            std::printf("%s\n", dumpJson(wire::toJson(info.value())).c_str());
        else
            printServer(info.value());
        return info->server.status == ServerStatus::Ready ||
                       info->server.status == ServerStatus::Unchecked
                   ? int(Completed)
                   : int(Failed);
    };
    if (action == QLatin1String("list")) {
        auto all = api::awaitAnswer(*engine, &EngineApi::servers, {});
        if (!all) {
            printError(all.error());
            return Failed;
        }
        if (json) {
            std::printf("%s\n", dumpJson(wire::listToJson(all.value())).c_str());
            return Completed;
        }
        if (all->empty())
            std::printf("no servers: projects deploy to this machine\n");
        for (const ServerInfo& info : all.value())
            printServer(info);
        return Completed;
    }
    if (action == QLatin1String("add"))
        return show(api::awaitAnswer(*engine, &EngineApi::addServer, params));
    if (action == QLatin1String("remove")) {
        auto removed = api::awaitAnswer(*engine, &EngineApi::removeServer, {args[1]});
        if (!removed) {
            printError(removed.error());
            return removed.code() == ErrorCode::Failed ? Failed : BadArguments;
        }
        std::printf("removed %s\n", qPrintable(args[1]));
        return Completed;
    }
    std::fprintf(stderr, "checking %s over SSH (the base role may install packages)…\n",
                 qPrintable(args[1]));
    return show(action == QLatin1String("check")
                    ? api::awaitAnswer(*engine, &EngineApi::checkServer, {args[1]})
                    : api::awaitAnswer(*engine, &EngineApi::trustServer, {args[1]}));
}

} // namespace orch::cli
