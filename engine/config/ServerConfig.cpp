#include "config/ServerConfig.h"

#include "config/DomainConfig.h"
#include "config/SettingsReader.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>
#include <algorithm>
#include <optional>

namespace orch {
namespace {

// The transport settings every endpoint has, under `at` ("providers.openai", "route_all_to").
ProviderEndpoint readEndpoint(SettingsReader& in, const QString& at)
{
    ProviderEndpoint endpoint;
    endpoint.baseUrl = in.url(at + QStringLiteral(".base_url"), true);
    endpoint.timeoutMs =
        in.integer(at + QStringLiteral(".timeout_ms"), false, endpoint.timeoutMs, 1);
    endpoint.deadlineMs =
        in.integer(at + QStringLiteral(".deadline_ms"), false, endpoint.deadlineMs, 1);
    endpoint.maxReplyBytes = in.integer(at + QStringLiteral(".max_reply_bytes"), false,
                                        int(endpoint.maxReplyBytes), 1024);
    endpoint.retry.maxAttempts =
        in.integer(at + QStringLiteral(".attempts"), false, endpoint.retry.maxAttempts, 1);
    return endpoint;
}

void readProviders(SettingsReader& in, LlmSettings& llm, bool required)
{
    llm.replayScript = in.path("replay_script", false);
    // One local server (vLLM, Ollama, llama.cpp) for every model profile of the graph.
    if (in.has("route_all_to")) {
        llm.overrideEndpoint = readEndpoint(in, QStringLiteral("route_all_to"));
        llm.overrideKind = in.text("route_all_to.kind", false, QStringLiteral("openai"));
        if (llm.overrideKind != QLatin1String("openai") &&
            llm.overrideKind != QLatin1String("anthropic"))
            in.problem("route_all_to.kind", QStringLiteral("must be openai or anthropic"));
        llm.overrideModel = in.text("route_all_to.model", false);
        llm.apiKeyHandle = in.text("route_all_to.api_key_secret", false);
    }
    const bool needProviders = required && llm.replayScript.isEmpty() && !llm.overrideEndpoint;
    const Json& providers = in.object("providers", needProviders);
    for (auto it = providers.begin(); it != providers.end(); ++it) {
        const QString name = toQ(it.key());
        const QString at = QStringLiteral("providers.%1").arg(name);
        // Named after their kind ("openai": {...}), or any name with a kind ("openrouter").
        const bool namedByKind =
            name == QLatin1String("openai") || name == QLatin1String("anthropic");
        const QString kind = in.text(at + QStringLiteral(".kind"), !namedByKind, name);
        if (kind != QLatin1String("openai") && kind != QLatin1String("anthropic")) {
            in.problem(at + QStringLiteral(".kind"),
                       QStringLiteral("'%1' is not a provider kind (openai, anthropic)").arg(kind));
            continue;
        }
        ProviderEndpoint endpoint = readEndpoint(in, at);
        const Json& headers = in.object(at + QStringLiteral(".headers"), false);
        for (auto header = headers.begin(); header != headers.end(); ++header) {
            static const QRegularExpression kToken(QStringLiteral("^[A-Za-z0-9-]{1,64}$"));
            const QString headerAt = at + QStringLiteral(".headers.") + toQ(header.key());
            in.markRead(headerAt);
            const QString value = header->is_string() ? toQ(header->get<std::string>()) : QString();
            if (!kToken.match(toQ(header.key())).hasMatch() || !header->is_string() ||
                value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n')) ||
                value.size() > 1024)
                in.problem(headerAt, QStringLiteral("must be a header name with a one-line text "
                                                    "value"));
            else if (QStringList{"authorization", "x-api-key"}.contains(
                         toQ(header.key()).toLower()))
                in.problem(headerAt, QStringLiteral("keys go in the vault: set api_key_secret"));
            else
                endpoint.headers.append({header.key().c_str(), value.toUtf8()});
        }
        llm.endpoints[name] = endpoint;
        llm.kinds[name] = kind;
        const QString key = in.text(at + QStringLiteral(".api_key_secret"), false);
        if (!key.isEmpty())
            llm.keySecrets[name] = key;
    }
    // A person's choice of provider and model for a graph's profile ("coder" → openrouter).
    const Json& choices = in.object("model_profiles", false);
    for (auto it = choices.begin(); it != choices.end(); ++it) {
        const QString name = toQ(it.key());
        const QString at = QStringLiteral("model_profiles.%1").arg(name);
        ProfileChoice choice{in.text(at + QStringLiteral(".provider"), true),
                             in.text(at + QStringLiteral(".model"), true)};
        if (choice.provider.isEmpty() || choice.model.isEmpty())
            continue;
        if (!llm.endpoints.count(choice.provider) && !llm.overrideEndpoint)
            in.problem(at + QStringLiteral(".provider"),
                       QStringLiteral("'%1' is not one of the providers").arg(choice.provider));
        else
            llm.profileChoices[name] = choice;
    }
    llm.stream = in.boolean("stream", false, true);
    llm.maxToolCallsPerReply =
        in.integer("limits.tool_calls_per_reply", false, llm.maxToolCallsPerReply, 1, 1000);
    llm.runTokens = in.integer("limits.run_tokens", false, int(llm.runTokens), 0);
    llm.runMinutes = in.integer("limits.run_minutes", false, llm.runMinutes, 0, 525'600);
}

void readSandbox(SettingsReader& in, SandboxSettings& sandbox)
{
    const QString mode = in.text("sandbox.mode", false, QStringLiteral("confined"));
    if (mode == QLatin1String("unconfined"))
        sandbox.mode = SandboxSettings::Mode::Unconfined;
    else if (mode != QLatin1String("confined"))
        in.problem("sandbox.mode",
                   QStringLiteral("'%1' is not a mode (confined, or unconfined for development)")
                       .arg(mode));
    sandbox.network = in.boolean("sandbox.network", false, sandbox.network);
    sandbox.networkProjects = in.textList("sandbox.network_projects");
    sandbox.cpuSeconds = in.integer("sandbox.cpu_seconds", false, sandbox.cpuSeconds, 1, 86400);
    sandbox.memoryMb = in.integer("sandbox.memory_mb", false, sandbox.memoryMb, 64, 1 << 20);
    sandbox.processes = in.integer("sandbox.processes", false, sandbox.processes, 8, 100000);
    sandbox.cpuPercent = in.integer("sandbox.cpu_percent", false, sandbox.cpuPercent, 10, 100000);
    sandbox.fileSizeMb = in.integer("sandbox.file_size_mb", false, sandbox.fileSizeMb, 1, 1 << 20);
}

// git.provider "github": repositories created through GitHub's REST API with the token
// git.token_secret names, under git.github.owner (an organisation or the token's user).
void readGitHub(SettingsReader& in, EngineOptions& engine)
{
    const QString provider = in.text("git.provider", false, QStringLiteral("git"));
    if (provider != QLatin1String("github")) {
        if (provider != QLatin1String("git"))
            in.problem("git.provider", QStringLiteral("must be \"git\" or \"github\""));
        return;
    }
    GitHubSettings github;
    github.owner = in.text("git.github.owner", true);
    static const QRegularExpression owner(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9-]{0,38}$"));
    if (!github.owner.isEmpty() && !owner.match(github.owner).hasMatch())
        in.problem("git.github.owner", QStringLiteral("must be a GitHub user or organisation"));
    github.api = in.url("git.github.api", false, github.api);
    // The token travels to it: over TLS, unless it is this machine (a stand-in, a proxy).
    const bool loopback = github.api.host() == QLatin1String("127.0.0.1") ||
                          github.api.host() == QLatin1String("localhost");
    if (github.api.scheme() != QLatin1String("https") && !loopback)
        in.problem("git.github.api", QStringLiteral("must be an https URL"));
    github.privateRepositories = in.boolean("git.github.private", false, true);
    github.cloneUrlTemplate = in.text("git.github.clone_url", false, github.cloneUrlTemplate);
    // Pushes go over HTTPS with the token, or to a local folder (a mirror, a stand-in).
    const QString& clone = github.cloneUrlTemplate;
    if (!clone.contains(QLatin1String("{repo}")) ||
        !(clone.startsWith(QLatin1String("https://")) || clone.startsWith(QLatin1Char('/'))) ||
        clone.contains(QLatin1Char('@')))
        in.problem("git.github.clone_url",
                   QStringLiteral("must be an https URL or a folder, without credentials, and "
                                  "contain {repo}"));
    if (engine.gitTokenHandle.isEmpty())
        in.problem("git.token_secret", QStringLiteral("git.provider github needs the vault handle "
                                                      "of a GitHub token"));
    engine.tools.git.github = github;
}

void readDeploy(SettingsReader& in, EngineOptions& engine, bool required)
{
    DeployServices& deploy = engine.tools.deploy;
    required = required || in.has("deploy"); // a deploy section, when given, is complete
    deploy.settings.deployRoot = in.path("deploy.root", required);
    deploy.settings.httpPort = in.integer("deploy.http_port", required, 0, 1, 65535);
    deploy.settings.httpsPort = in.integer("deploy.https_port", required, 0, 1, 65535);
    // Older settings name Caddy's admin port; its API is a unix socket now (caddyAdminSocket).
    in.integer("deploy.caddy_admin_port", false, 0, 1, 65535);
    deploy.servicePortFirst = in.integer("deploy.service_ports.first", required, 0, 1, 65535);
    deploy.servicePortLast =
        in.integer("deploy.service_ports.last", required, 0, deploy.servicePortFirst, 65535);
    deploy.settings.domainSuffix =
        in.text("deploy.domain_suffix", false, QStringLiteral("localhost"));
    // A slow or busy server needs more than the default (`--health-timeout` on the command line).
    deploy.settings.healthTimeoutMs = in.integer("deploy.health_timeout_s", false,
                                                 deploy.settings.healthTimeoutMs / 1000, 1, 600) *
                                      1000;
    readAcme(in, deploy.settings);
    readDomains(in, engine.domains, deploy.settings);
    engine.tools.git.remoteUrlTemplate = in.text("git.remote_url", false);
    if (const QString url = engine.tools.git.remoteUrlTemplate;
        !url.isEmpty() &&
        (!url.startsWith(QLatin1String("https://")) || url.contains(QLatin1Char('@'))))
        in.problem("git.remote_url", QStringLiteral("must be an https URL without credentials "
                                                    "(the token comes from git.token_secret)"));
    engine.gitTokenHandle = in.text("git.token_secret", false);
    engine.tools.git.remoteRoot = in.path("git.remotes_dir", false);
    readGitHub(in, engine);
    engine.tools.commands.allowed += in.textList("commands.allow");
    readSandbox(in, engine.tools.sandbox);
    ScaffoldSettings& scaffold = engine.tools.scaffold;
    // A git URL is kept as it is; a folder is relative to the settings like other paths.
    const QString copierTemplate = in.text("scaffold.copier_template", false);
    scaffold.copierTemplate = copierTemplate.contains(QLatin1String("://")) ||
                                      copierTemplate.startsWith(QLatin1String("git@")) ||
                                      copierTemplate.startsWith(QLatin1String("gh:"))
                                  ? copierTemplate
                                  : in.path("scaffold.copier_template", false);
    scaffold.copierProgram = in.path("scaffold.copier", false);
    scaffold.copierTrust = in.boolean("scaffold.copier_trust", false, scaffold.copierTrust);
    scaffold.copierTimeoutS =
        in.integer("scaffold.copier_timeout_s", false, scaffold.copierTimeoutS, 10, 3600);
    PythonSettings& python = deploy.settings.python;
    python.indexUrl = in.url("python.index_url", false, QUrl(python.indexUrl)).toString();
    python.installTimeoutS =
        in.integer("python.install_timeout_s", false, python.installTimeoutS, 10, 7200);
    python.sourceBuilds = in.boolean("python.source_builds", false, python.sourceBuilds);
    python.fileHosts = in.textList("python.file_hosts");
}

std::optional<TelegramConfig> readTelegram(SettingsReader& in)
{
    if (!in.has("telegram"))
        return std::nullopt;
    TelegramConfig telegram;
    telegram.apiBase = in.url("telegram.api_base", false, telegram.apiBase);
    telegram.tokenSecret = in.text("telegram.token_secret", true);
    for (qint64 id : in.idList("telegram.admins"))
        telegram.admins.insert(id);
    for (qint64 id : in.idList("telegram.users"))
        telegram.users.insert(id);
    if (telegram.admins.isEmpty())
        in.problem("telegram.admins", QStringLiteral("at least one admin user id is required"));
    telegram.progressIntervalMs =
        in.integer("telegram.progress_interval_ms", false, telegram.progressIntervalMs, 1000);
    telegram.longPollS = in.integer("telegram.long_poll_s", false, telegram.longPollS, 0, 50);
    return telegram;
}

std::optional<RemoteApiConfig> readRemote(SettingsReader& in)
{
    if (!in.has("remote_api"))
        return std::nullopt;
    RemoteApiConfig remote;
    const QString bind = in.text("remote_api.bind", false, QStringLiteral("127.0.0.1"));
    if (!remote.bind.setAddress(bind))
        in.problem("remote_api.bind", QStringLiteral("'%1' is not an IP address").arg(bind));
    remote.port = quint16(in.integer("remote_api.port", true, 0, 1, 65535));
    remote.tokenSecret = in.text("remote_api.token_secret", true);
    remote.certificateFile = in.path("remote_api.certificate", false);
    remote.privateKeyFile = in.path("remote_api.private_key", false);
    if (remote.certificateFile.isEmpty() != remote.privateKeyFile.isEmpty())
        in.problem("remote_api.private_key",
                   QStringLiteral("TLS needs both certificate and private_key"));
    remote.maxMessageBytes =
        in.integer("remote_api.max_message_bytes", false, int(remote.maxMessageBytes), 1024);
    return remote;
}

} // namespace

Result<ServerConfig> ServerConfig::load(const QString& path, Use use)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the settings file %1").arg(path)};
    const Json document = parseJson(file.readAll());
    if (document.is_discarded() || !document.is_object())
        return Error{QStringLiteral("%1: not a JSON object").arg(path)};
    auto config = fromJson(document, QFileInfo(path).absolutePath(), use);
    if (!config)
        return Error{QStringLiteral("%1:\n%2").arg(path, config.error())};
    return config;
}

Result<ServerConfig> ServerConfig::fromJson(const Json& document, const QString& baseDir, Use use)
{
    const bool server = use == Use::Server;
    SettingsReader in(document, baseDir);
    ServerConfig config;
    EngineOptions& engine = config.engine;
    // A file (relative to the settings) or a PostgreSQL URL, kept as it is.
    engine.databasePath = in.text("database", server).startsWith(QLatin1String("postgres"))
                              ? in.text("database", server)
                              : in.path("database", server);
    engine.workspaceRoot = in.path("workspace_root", server);
    engine.reportsDir = in.path("reports_dir", server);
    engine.spoolDir = in.path("spool_dir", false);
    engine.runLeaseMs = 1000 * in.integer("workers.lease_seconds", false, 30, 5, 3600);
    if (in.has("workers.adopt_every_seconds"))
        config.adoptEveryMs =
            int(std::min(3600000.0, 1000 * in.number("workers.adopt_every_seconds", 0.1)));
    engine.vaultKeyFile = in.path("vault_key_file", false);
    engine.pricingFile = in.path("pricing_file", false);
    if (in.has("budgets.global_usd"))
        engine.budgets.global = in.number("budgets.global_usd", 0);
    if (in.has("budgets.per_project_usd"))
        engine.budgets.perProject = in.number("budgets.per_project_usd", 0);
    engine.budgets.unpricedTokensPerRun = in.integer("budgets.unpriced_tokens_per_run", false,
                                                     engine.budgets.unpricedTokensPerRun, 0);
    readProviders(in, engine.llm, server);
    readDeploy(in, engine, server);
    config.telegram = readTelegram(in);
    // Deployed bots talk to the Bot API the orchestrator talks to, unless one is named for
    // them (a self-hosted Bot API server, a stand-in in tests).
    QString& botApi = engine.tools.deploy.settings.telegramApiBase;
    if (in.has("deploy.bot_api"))
        botApi = in.url("deploy.bot_api", false, QUrl(botApi)).toString();
    else if (config.telegram)
        botApi = config.telegram->apiBase.toString();
    config.remote = readRemote(in);
    config.digest.everyHours = in.integer("digest.every_hours", false, config.digest.everyHours, 0);
    config.digest.awayEveryDays =
        in.integer("digest.away_every_days", false, config.digest.awayEveryDays, 0, 366);
    config.watch.everySeconds =
        in.integer("watch.every_seconds", false, config.watch.everySeconds, 0, 7 * 24 * 3600);
    engine.healAfterFailures =
        in.integer("watch.heal_after_failures", false, engine.healAfterFailures, 0, 1000);
    RepairDefaults& repair = engine.budgets.repair;
    repair.policy = in.text("repair.policy", false, repair.policy);
    if (!RepairPolicy::valid(repair.policy))
        in.problem(QStringLiteral("repair.policy"), QStringLiteral("is off, ask or auto"));
    if (in.has("repair.monthly_budget_usd"))
        repair.monthlyBudget = in.number("repair.monthly_budget_usd", 0);
    // Where each coding agent CLI is installed and which endpoint it talks to (the only host
    // its sandbox reaches): coding_agents.claude.path, coding_agents.codex.base_url, …
    for (const char* program : {"claude", "codex", "command"}) {
        const QString at = QStringLiteral("coding_agents.") + QLatin1String(program);
        if (in.has(at + QStringLiteral(".path")))
            engine.codingAgents.paths[QLatin1String(program)] =
                in.path(at + QStringLiteral(".path"), false);
        if (in.has(at + QStringLiteral(".base_url")))
            engine.codingAgents.baseUrls[QLatin1String(program)] =
                in.url(at + QStringLiteral(".base_url"), false).toString();
    }
    RetentionPolicy& retention = engine.retention;
    retention.checkpointsAfterDays = in.integer("retention.checkpoints_after_days", false,
                                                retention.checkpointsAfterDays, 0, 36500);
    retention.checkpointsEvery =
        in.integer("retention.checkpoints_every", false, retention.checkpointsEvery, 1, 1000000);
    retention.eventsDays =
        in.integer("retention.events_days", false, retention.eventsDays, 0, 36500);
    in.rejectUnknown();
    if (!in.problems().isEmpty())
        return Error{in.problems().join(QLatin1Char('\n'))};
    return config;
}

} // namespace orch
