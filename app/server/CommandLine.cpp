#include "CommandLine.h"

#include "core/Log.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <QThread>
#include <algorithm>
#include <cstdio>

namespace orch::cli {

void printError(const QString& message)
{
    std::fprintf(stderr, "orchestratord: %s\n", message.toLocal8Bit().constData());
}

void addCommonOptions(QCommandLineParser& parser)
{
    parser.addHelpOption();
    parser.addOption(
        {QStringLiteral("config"),
         QStringLiteral("The settings file (JSON, see the README); it replaces the folder, "
                        "model and deploy options."),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("db"),
                      QStringLiteral("SQLite database file or postgresql://user@host:port/db "
                                     "(default: %1/orchestrator.db).")
                          .arg(Engine::defaultDataDir()),
                      QStringLiteral("FILE|URL")});
    parser.addOption({QStringLiteral("spool"),
                      QStringLiteral("Where writes wait while the database is away (default: "
                                     "beside a SQLite file, else %1/spool); the workers of one "
                                     "host share it.")
                          .arg(Engine::defaultDataDir()),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("log-level"),
                      QStringLiteral("Log level on stderr: trace, debug, info, warn (default), "
                                     "error, off."),
                      QStringLiteral("LEVEL"), QStringLiteral("warn")});
}

void addEngineOptions(QCommandLineParser& parser)
{
    parser.addOption({QStringLiteral("workspace"),
                      QStringLiteral("Folder under which each project gets its workspace "
                                     "(default: %1/workspaces).")
                          .arg(Engine::defaultDataDir()),
                      QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("llm-url"),
                      QStringLiteral("Send every model profile to this endpoint, e.g. "
                                     "http://127.0.0.1:8080/v1."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("llm-kind"),
                      QStringLiteral("Protocol of --llm-url: openai (default) or anthropic."),
                      QStringLiteral("KIND"), QStringLiteral("openai")});
    parser.addOption({QStringLiteral("llm-model"),
                      QStringLiteral("Use this model name for every profile."),
                      QStringLiteral("NAME")});
    parser.addOption({QStringLiteral("api-key-env"),
                      QStringLiteral("Name of the environment variable holding the API key "
                                     "(the key itself is never accepted on the command line)."),
                      QStringLiteral("VAR")});
    parser.addOption({QStringLiteral("api-key-secret"),
                      QStringLiteral("Vault handle of the API key (see 'orchestratord secrets')."),
                      QStringLiteral("HANDLE")});
    parser.addOption({QStringLiteral("llm-timeout-ms"),
                      QStringLiteral("Longest silence from the model server before a retry "
                                     "(default 120000)."),
                      QStringLiteral("MS"), QStringLiteral("120000")});
    parser.addOption({QStringLiteral("llm-attempts"),
                      QStringLiteral("Attempts per model call on 429/5xx/connection errors "
                                     "(default 4)."),
                      QStringLiteral("N"), QStringLiteral("4")});
    parser.addOption(
        {QStringLiteral("llm-replay"),
         QStringLiteral("The offline demo model: replay this recorded script instead of "
                        "calling a model (no network)."),
         QStringLiteral("FILE")});
    addDeployOptions(parser);
    parser.addOption({QStringLiteral("reports"),
                      QStringLiteral("Folder for run reports (default: %1/reports).")
                          .arg(Engine::defaultDataDir()),
                      QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("git-remotes"),
         QStringLiteral("Folder of the projects' bare git remotes (default: %1/remotes).")
             .arg(Engine::defaultDataDir()),
         QStringLiteral("DIR")});
    parser.addOption(
        {QStringLiteral("allow-command"),
         QStringLiteral("A program agents may run besides the defaults (make, python3, git, "
                        "ls, cat, grep); repeatable."),
         QStringLiteral("NAME")});
    parser.addOption(
        {QStringLiteral("git-remote-url"),
         QStringLiteral(
             "Hosted remote for new projects, e.g. https://github.com/acme/{project}.git "
             "(instead of local bare repositories)."),
         QStringLiteral("TEMPLATE")});
    parser.addOption({QStringLiteral("git-token-secret"),
                      QStringLiteral("Vault handle of the HTTPS token for pushing to real remotes "
                                     "(given to git's credential callback, never put in a URL)."),
                      QStringLiteral("HANDLE")});
    parser.addOption({QStringLiteral("no-stream"),
                      QStringLiteral("Ask for whole replies instead of server-sent events.")});
    parser.addOption({QStringLiteral("unconfined"),
                      QStringLiteral("Development only: run agents' commands without the "
                                     "bubblewrap sandbox (warns at every start).")});
}

void addDeployOptions(QCommandLineParser& parser)
{
    parser.addOption(
        {QStringLiteral("deploy-root"),
         QStringLiteral("Where services are installed (releases, current, env, logs, Caddy)."),
         QStringLiteral("DIR")});
    parser.addOption({QStringLiteral("http-port"), QStringLiteral("Caddy's HTTP port."),
                      QStringLiteral("PORT")});
    parser.addOption({QStringLiteral("https-port"), QStringLiteral("Caddy's HTTPS port."),
                      QStringLiteral("PORT")});
    // Accepted from older scripts and ignored: Caddy's admin API is a unix socket now.
    QCommandLineOption adminPort(QStringLiteral("caddy-admin-port"), QString(),
                                 QStringLiteral("PORT"));
    adminPort.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(adminPort);
    parser.addOption(
        {QStringLiteral("service-ports"),
         QStringLiteral("Range the services' own ports are allocated from, e.g. 18100-18199."),
         QStringLiteral("FIRST-LAST")});
    parser.addOption(
        {QStringLiteral("domain-suffix"),
         QStringLiteral("Services answer at <name>.<suffix> (default: localhost, with Caddy's "
                        "internal CA; a real domain gets automatic certificates)."),
         QStringLiteral("SUFFIX"), QStringLiteral("localhost")});
    parser.addOption({QStringLiteral("bot-api"),
                      QStringLiteral("The Telegram Bot API deployed bots talk to (default: the "
                                     "real one; a local stand-in offline)."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("health-timeout"),
                      QStringLiteral("Seconds a new release has to pass its health check (1 to "
                                     "600; default 30). A slow or busy server needs more."),
                      QStringLiteral("SECONDS")});
    parser.addOption({QStringLiteral("package-index"),
                      QStringLiteral("Where deployed projects' Python packages come from "
                                     "(default: https://pypi.org/simple)."),
                      QStringLiteral("URL")});
}

DeploySettings deploySettings(const QCommandLineParser& parser)
{
    DeploySettings settings;
    if (parser.isSet(QStringLiteral("deploy-root"))) // services must not depend on the cwd
        settings.deployRoot =
            QFileInfo(parser.value(QStringLiteral("deploy-root"))).absoluteFilePath();
    settings.httpPort = parser.value(QStringLiteral("http-port")).toInt();
    settings.httpsPort = parser.value(QStringLiteral("https-port")).toInt();
    settings.domainSuffix = parser.value(QStringLiteral("domain-suffix"));
    if (parser.isSet(QStringLiteral("bot-api")))
        settings.telegramApiBase = parser.value(QStringLiteral("bot-api"));
    if (parser.isSet(QStringLiteral("package-index")))
        settings.python.indexUrl = parser.value(QStringLiteral("package-index"));
    if (parser.isSet(QStringLiteral("health-timeout"))) {
        bool number = false;
        const int seconds = parser.value(QStringLiteral("health-timeout")).toInt(&number);
        if (number && seconds >= 1 && seconds <= 600)
            settings.healthTimeoutMs = seconds * 1000;
        else
            std::fprintf(stderr,
                         "orchestratord: --health-timeout must be 1 to 600 seconds; "
                         "using %d\n",
                         settings.healthTimeoutMs / 1000);
    }
    return settings;
}

bool parse(QCommandLineParser& parser, const CommandContext& context)
{
    QStringList argv = {QStringLiteral("orchestratord ") + context.command};
    argv += context.arguments;
    if (!parser.parse(argv)) {
        printError(parser.errorText());
        return false;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(parser.helpText().toLocal8Bit().constData(), stdout);
        std::exit(0);
    }
    if (!log::setLevel(parser.value(QStringLiteral("log-level")).toStdString())) {
        printError(QStringLiteral("unknown log level '%1'").arg(parser.value("log-level")));
        return false;
    }
    return true;
}

std::optional<ServerConfig> settingsFile(const QCommandLineParser& parser, bool* failed)
{
    *failed = false;
    if (!parser.isSet(QStringLiteral("config")))
        return std::nullopt;
    auto loaded = ServerConfig::load(parser.value(QStringLiteral("config")));
    if (!loaded) {
        printError(loaded.error());
        *failed = true;
        return std::nullopt;
    }
    return std::move(loaded).value();
}

namespace {

// While the store's server is away (PostgreSQL restarting, a host still booting), waits for it
// up to `waitS` seconds, saying so each time, then gives up with the reason; any other failure
// is told at once.
std::unique_ptr<Engine> createEngine(const EngineOptions& options, int waitS)
{
    QElapsedTimer waited;
    waited.start();
    int delayMs = 500;
    for (int attempt = 1;; ++attempt) {
        auto engine = Engine::create(options);
        if (engine)
            return std::move(engine).value();
        if (engine.code() != ErrorCode::Unavailable ||
            waited.elapsed() + delayMs > waitS * 1000LL) {
            printError(engine.error());
            return nullptr;
        }
        log::get("store")->warn("{}; waiting for the database (attempt {}, again in {} ms)",
                                engine.error(), attempt, delayMs);
        QThread::msleep(delayMs);
        delayMs = std::min(delayMs * 2, 5000);
    }
}

} // namespace

std::unique_ptr<Engine> makeEngine(const QCommandLineParser& parser, bool withModels,
                                   int waitForDatabaseS)
{
    bool failed = false;
    if (auto config = settingsFile(parser, &failed))
        return createEngine(config->engine, waitForDatabaseS);
    if (failed)
        return nullptr;
    EngineOptions options;
    options.databasePath = parser.value(QStringLiteral("db"));
    options.spoolDir = parser.value(QStringLiteral("spool"));
    if (withModels) {
        options.workspaceRoot = parser.value(QStringLiteral("workspace"));
        options.llm.replayScript = parser.value(QStringLiteral("llm-replay"));
        options.tools.git.remoteRoot = parser.value(QStringLiteral("git-remotes"));
        options.reportsDir = parser.value(QStringLiteral("reports"));
        options.tools.commands.allowed += parser.values(QStringLiteral("allow-command"));
        options.gitTokenHandle = parser.value(QStringLiteral("git-token-secret"));
        options.tools.git.remoteUrlTemplate = parser.value(QStringLiteral("git-remote-url"));
        options.tools.deploy.settings = deploySettings(parser);
        if (parser.isSet(QStringLiteral("service-ports"))) {
            const QStringList range =
                parser.value(QStringLiteral("service-ports")).split(QLatin1Char('-'));
            options.tools.deploy.servicePortFirst = range.value(0).toInt();
            options.tools.deploy.servicePortLast = range.value(1).toInt();
            if (range.size() != 2 || options.tools.deploy.servicePortFirst <= 0 ||
                options.tools.deploy.servicePortLast < options.tools.deploy.servicePortFirst) {
                printError(QStringLiteral("--service-ports must be FIRST-LAST, e.g. 18100-18199"));
                return nullptr;
            }
        }
        options.llm.stream = !parser.isSet(QStringLiteral("no-stream"));
        if (parser.isSet(QStringLiteral("unconfined")))
            options.tools.sandbox.mode = SandboxSettings::Mode::Unconfined;
        options.llm.overrideModel = parser.value(QStringLiteral("llm-model"));
        options.llm.overrideKind = parser.value(QStringLiteral("llm-kind"));
        if (parser.isSet(QStringLiteral("llm-url"))) {
            const QUrl url(parser.value(QStringLiteral("llm-url")), QUrl::StrictMode);
            if (!url.isValid() ||
                (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))) {
                printError(QStringLiteral("--llm-url must be an http(s) URL"));
                return nullptr;
            }
            ProviderEndpoint endpoint;
            endpoint.baseUrl = url;
            bool ok = false;
            endpoint.timeoutMs = parser.value(QStringLiteral("llm-timeout-ms")).toInt(&ok);
            if (!ok || endpoint.timeoutMs < 1) {
                printError(QStringLiteral("--llm-timeout-ms must be a positive number"));
                return nullptr;
            }
            endpoint.retry.maxAttempts = parser.value(QStringLiteral("llm-attempts")).toInt(&ok);
            if (!ok || endpoint.retry.maxAttempts < 1) {
                printError(QStringLiteral("--llm-attempts must be a positive number"));
                return nullptr;
            }
            if (parser.isSet(QStringLiteral("api-key-env"))) {
                const QString variable = parser.value(QStringLiteral("api-key-env"));
                endpoint.apiKey = qgetenv(variable.toLocal8Bit().constData());
                if (endpoint.apiKey.isEmpty()) {
                    printError(QStringLiteral("environment variable %1 (from --api-key-env) is "
                                              "not set")
                                   .arg(variable));
                    return nullptr;
                }
            }
            options.llm.overrideEndpoint = endpoint;
            options.llm.apiKeyHandle = parser.value(QStringLiteral("api-key-secret"));
        }
    }
    return createEngine(options, waitForDatabaseS);
}

} // namespace orch::cli
