// The settings file of `orchestratord serve`: the bundled example is valid; every missing
// required setting, wrong type and unknown key is reported at once with its name; relative
// paths follow the file; and serve refuses to start on a bad file, naming the setting.

#include "CliProcess.h"
#include "SettingsDocuments.h"
#include "config/ServerConfig.h"
#include "runtime/ModelRouter.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestServerConfig : public QObject
{
    Q_OBJECT

private slots:
    void theBundledExampleIsValid()
    {
        auto config = ServerConfig::load(
            QStringLiteral(SOURCE_DIR "/resources/server/orchestratord.example.json"));
        QVERIFY2(config.ok(), qPrintable(config.error()));
        QCOMPARE(config->engine.tools.deploy.settings.httpsPort, 443);
        QCOMPARE(config->engine.tools.deploy.servicePortLast, 18999);
        QCOMPARE(config->engine.llm.endpoints.at("anthropic").baseUrl.host(),
                 QString("api.anthropic.com"));
        QCOMPARE(config->engine.llm.keySecrets.at("openai"), QString("key:openai"));
        QCOMPARE(*config->engine.budgets.global, 50.0);
        QVERIFY(config->telegram.has_value());
        QVERIFY(config->telegram->admins.contains(123456789));
        QCOMPARE(config->remote->port, quint16(8765));
        QCOMPARE(config->remote->bind, QHostAddress(QHostAddress::LocalHost));
        QVERIFY(config->remote->certificateFile.isEmpty());
        QCOMPARE(config->digest.everyHours, 24);
        QCOMPARE(config->engine.llm.endpoints.at("openai").deadlineMs, 300000);
        QCOMPARE(config->engine.llm.endpoints.at("openai").maxReplyBytes, qint64(8388608));
        // Named providers of one kind side by side, with their own headers and keys.
        QCOMPARE(config->engine.llm.kinds.at("openrouter"), QString("openai"));
        QCOMPARE(config->engine.llm.kinds.at("ollama"), QString("openai"));
        QCOMPARE(config->engine.llm.kinds.at("anthropic"), QString("anthropic"));
        QCOMPARE(config->engine.llm.keySecrets.at("openrouter"), QString("key:openrouter"));
        QCOMPARE(config->engine.llm.endpoints.at("openrouter").headers.value(1).second,
                 QByteArray("Codegen Orchestrator"));
        QVERIFY(!config->engine.llm.keySecrets.count("ollama"));
        QCOMPARE(config->engine.llm.maxToolCallsPerReply, 32);
        QCOMPARE(config->engine.budgets.unpricedTokensPerRun, 2000000LL);
    }

    void limitsForUntrustedRepliesAreChecked()
    {
        Json document = minimal();
        document["providers"]["openai"]["deadline_ms"] = "soon";
        document["providers"]["openai"]["max_reply_bytes"] = 10;
        document["limits"] = {{"tool_calls_per_reply", 0}};
        document["budgets"] = {{"unpriced_tokens_per_run", -5}};
        const QString problems = problemsOf(document);
        QVERIFY2(problems.contains("providers.openai.deadline_ms: must be a whole number"),
                 qPrintable(problems));
        QVERIFY2(problems.contains("providers.openai.max_reply_bytes: must be between 1024"),
                 qPrintable(problems));
        QVERIFY2(problems.contains("limits.tool_calls_per_reply: must be between 1 and 1000"),
                 qPrintable(problems));
        QVERIFY2(problems.contains("budgets.unpriced_tokens_per_run: must be between 0"),
                 qPrintable(problems));
    }

    void retentionIsReadAndChecked()
    {
        Json document = minimal();
        auto defaults = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY(defaults);
        QCOMPARE(defaults->engine.retention.checkpointsAfterDays, 30);
        QCOMPARE(defaults->engine.retention.checkpointsEvery, 10);
        QCOMPARE(defaults->engine.retention.eventsDays, 90);
        document["retention"] = {
            {"checkpoints_after_days", 7}, {"checkpoints_every", 5}, {"events_days", 0}};
        auto set = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY(set);
        QCOMPARE(set->engine.retention.checkpointsAfterDays, 7);
        QCOMPARE(set->engine.retention.checkpointsEvery, 5);
        QCOMPARE(set->engine.retention.eventsDays, 0);
        // A PostgreSQL URL is kept as it is, not made a path under the settings' folder.
        document["database"] = "postgresql://orch@db.example.org:5432/orchestrator";
        document.erase("retention");
        QCOMPARE(ServerConfig::fromJson(document, "/etc/orch")->engine.databasePath,
                 QString("postgresql://orch@db.example.org:5432/orchestrator"));
        document["retention"] = {{"checkpoints_after_days", -1},
                                 {"checkpoints_every", 0},
                                 {"events_days", "a month"},
                                 {"keep", "all"}};
        const QString problems = problemsOf(document);
        for (const char* expected :
             {"retention.checkpoints_after_days: must be between 0",
              "retention.checkpoints_every: "
              "must be between 1",
              "retention.events_days: must be a whole number", "retention.keep"})
            QVERIFY2(problems.contains(expected), qPrintable(problems));
    }

    // Where the coding agent CLIs are and what they reach; a typo is an error, not ignored.
    void codingAgentsAreReadAndChecked()
    {
        Json document = minimal();
        document["coding_agents"] = {
            {"claude", {{"path", "bin/claude"}, {"base_url", "https://llm.example.org"}}},
            {"codex", {{"path", "/opt/codex/bin/codex"}}}};
        auto set = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY2(set, qPrintable(set ? QString() : set.error()));
        QCOMPARE(set->engine.codingAgents.paths.at("claude"), QString("/etc/orch/bin/claude"));
        QCOMPARE(set->engine.codingAgents.paths.at("codex"), QString("/opt/codex/bin/codex"));
        QCOMPARE(set->engine.codingAgents.baseUrls.at("claude"),
                 QString("https://llm.example.org"));
        QVERIFY(!set->engine.codingAgents.baseUrls.count("codex"));
        document["coding_agents"] = {{"claude", {{"base_url", 7}, {"pth", "x"}}},
                                     {"cursor", {{"path", "/x"}}}};
        const QString problems = problemsOf(document);
        for (const char* expected :
             {"coding_agents.claude.base_url", "coding_agents.claude.pth", "coding_agents.cursor"})
            QVERIFY2(problems.contains(expected), qPrintable(problems));
    }

    // GitHub as the provider, and how often serve probes the deployments.
    void githubAndTheWatcherAreReadAndChecked()
    {
        Json document = minimal();
        auto defaults = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY(defaults);
        QVERIFY(!defaults->engine.tools.git.github);
        QCOMPARE(defaults->watch.everySeconds, 300);
        QCOMPARE(defaults->engine.healAfterFailures, 3);
        document["git"] = {{"provider", "github"},
                           {"token_secret", "key:github"},
                           {"github", {{"owner", "acme"}, {"private", false}}}};
        document["watch"] = {{"every_seconds", 60}, {"heal_after_failures", 0}};
        auto set = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY2(set, set ? "" : qPrintable(set.error()));
        QCOMPARE(set->engine.tools.git.github->owner, QStringLiteral("acme"));
        QCOMPARE(set->engine.tools.git.github->privateRepositories, false);
        QCOMPARE(set->engine.tools.git.github->cloneUrl("clock-1"),
                 QStringLiteral("https://github.com/acme/clock-1.git"));
        QCOMPARE(set->watch.everySeconds, 60);
        QCOMPARE(set->engine.healAfterFailures, 0); // only telling
        document["git"] = {{"provider", "github"},
                           {"github",
                            {{"owner", "-acme; rm"},
                             {"api", "http://api.example.org"},
                             {"clone_url", "https://github.com/acme/x.git"}}}};
        document["watch"] = {{"every_seconds", -5}, {"heal_after_failures", "often"}};
        QString problems = problemsOf(document);
        for (const char* expected :
             {"git.github.owner", "git.github.api: must be an https URL",
              "git.github.clone_url: must be an https URL or a folder", "git.token_secret",
              "watch.every_seconds", "watch.heal_after_failures"})
            QVERIFY2(problems.contains(expected), qPrintable(problems));
        document.erase("watch");
        for (const char* clone : {"git@github.com:acme/{repo}.git",
                                  "https://user:pw@github.com/acme/{repo}.git", "ftp://x/{repo}"}) {
            document["git"] = {{"provider", "github"},
                               {"token_secret", "key:github"},
                               {"github", {{"owner", "acme"}, {"clone_url", clone}}}};
            QVERIFY2(problemsOf(document).contains("git.github.clone_url"), clone);
        }
        document["git"] = {{"provider", "gitlab"}};
        problems = problemsOf(document);
        QVERIFY2(problems.contains("git.provider"), qPrintable(problems));
        document["git"] = {{"provider", "github"}, {"token_secret", "key:github"}};
        problems = problemsOf(document);
        QVERIFY2(problems.contains("git.github.owner"), qPrintable(problems));
    }

    // Where deployed projects' packages come from, and where deployed bots reach Telegram.
    void pythonAndBotSettingsAreReadAndChecked()
    {
        Json document = minimal();
        auto defaults = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY(defaults);
        const DeploySettings& deploy = defaults->engine.tools.deploy.settings;
        QCOMPARE(deploy.python.indexUrl, QString("https://pypi.org/simple"));
        QVERIFY(!deploy.python.sourceBuilds);
        QCOMPARE(deploy.telegramApiBase, QString("https://api.telegram.org"));
        document["python"] = {{"index_url", "http://127.0.0.1:3141/simple"},
                              {"install_timeout_s", 60},
                              {"source_builds", true}};
        document["telegram"] = {
            {"token_secret", "bot:main"}, {"admins", {1}}, {"api_base", "http://127.0.0.1:8081"}};
        auto set = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY2(set, qPrintable(set.error()));
        QCOMPARE(set->engine.tools.deploy.settings.python.indexUrl,
                 QString("http://127.0.0.1:3141/simple"));
        QCOMPARE(set->engine.tools.deploy.settings.python.installTimeoutS, 60);
        QVERIFY(set->engine.tools.deploy.settings.python.sourceBuilds);
        QCOMPARE(set->engine.tools.deploy.settings.telegramApiBase,
                 QString("http://127.0.0.1:8081"));
        document.erase("telegram");
        document["python"] = {
            {"index_url", "file:///etc"}, {"install_timeout_s", 0}, {"source_builds", "yes"}};
        const QString problems = problemsOf(document);
        for (const char* expected :
             {"python.index_url: must be an http(s) URL",
              "python.install_timeout_s: must be between 10", "python.source_builds"})
            QVERIFY2(problems.contains(expected), qPrintable(problems));
    }

    void namedProvidersAreChecked()
    {
        Json document = minimal();
        document["providers"] = {
            {"openrouter", {{"base_url", "https://openrouter.ai/api/v1"}}}, // no kind
            {"gateway",
             {{"kind", "gemini"}, {"base_url", "https://g.example.com/v1"}}}, // unknown kind
            {"proxy",
             {{"kind", "openai"},
              {"base_url", "https://p.example.com/v1"},
              {"headers",
               {{"Authorization", "Bearer sk-in-plain-text"},
                {"X-Ok", "fine"},
                {"X-Bad", "two\r\nlines"},
                {"X Space", "x"},
                {"X-Number", 5}}}}}};
        const QString problems = problemsOf(document);
        for (const char* expected : {"providers.openrouter.kind: missing required setting",
                                     "providers.gateway.kind: 'gemini' is not a provider kind",
                                     "providers.proxy.headers.Authorization: keys go in the vault",
                                     "providers.proxy.headers.X-Bad: must be a header name",
                                     "providers.proxy.headers.X Space: must be a header name",
                                     "providers.proxy.headers.X-Number: must be a header name"})
            QVERIFY2(problems.contains(QLatin1String(expected)), qPrintable(problems));
        QVERIFY(!problems.contains("X-Ok"));
        QVERIFY(!problems.contains("sk-in-plain-text")); // a misplaced key is not echoed
    }

    void modelProfileChoicesAreCheckedAndWinOverTheGraph()
    {
        Json document = minimal();
        document.erase("replay_script");
        document["providers"] = {
            {"openrouter", {{"kind", "openai"}, {"base_url", "https://openrouter.ai/api/v1"}}}};
        document["model_profiles"] = {
            {"coder", {{"provider", "openrouter"}, {"model", "anthropic/claude-sonnet-4.5"}}},
            {"fast", {{"provider", "nowhere"}, {"model", "m"}}},
            {"bare", {{"provider", "openrouter"}}},
            {"odd", "openrouter"}};
        const QString problems = problemsOf(document);
        for (const char* expected : {"model_profiles.fast.provider: 'nowhere' is not one of",
                                     "model_profiles.bare.model: missing required setting",
                                     "model_profiles.odd.provider: missing required setting"})
            QVERIFY2(problems.contains(QLatin1String(expected)), qPrintable(problems));

        document["model_profiles"].erase("fast");
        document["model_profiles"].erase("bare");
        document["model_profiles"].erase("odd");
        auto config = ServerConfig::fromJson(document, "/etc/orch");
        QVERIFY2(config, qPrintable(config ? QString() : config.error()));
        GraphDefinition graph;
        graph.models["coder"] = ModelProfileRef{"anthropic", "claude-sonnet-4-5"};
        graph.models["default"] = ModelProfileRef{"openai", "gpt-4o-mini"};
        graph.agents.push_back(AgentDefinition{"dev", "Developer", "llm", {}, "coder"});
        graph.agents.push_back(AgentDefinition{"plan", "Planner", "llm", {}, "default"});
        ModelRouter router(config->engine.llm);
        const ModelProfileRef coder = router.profile(graph, "coder");
        QCOMPARE(coder.provider, QString("openrouter"));
        QCOMPARE(coder.model, QString("anthropic/claude-sonnet-4.5"));
        QCOMPARE(router.profile(graph, "default").provider, QString("openai"));
        // The chosen provider serves the coder, so only the graph's own openai is missing.
        QCOMPARE(router.unconfiguredProviders(graph), QStringList{"openai"});
    }

    void everyMissingSettingIsNamed()
    {
        const QString problems = problemsOf(Json::object());
        for (const char* name :
             {"database", "workspace_root", "reports_dir", "providers", "deploy.root",
              "deploy.http_port", "deploy.https_port", "deploy.service_ports.first"})
            QVERIFY2(problems.contains(
                         QStringLiteral("%1: missing required setting").arg(QLatin1String(name))),
                     qPrintable(name + QStringLiteral(" not named in:\n") + problems));
    }

    void sectionsHaveTheirOwnRequiredSettings()
    {
        Json document = minimal();
        document["telegram"] = {{"admins", Json::array()}};
        document["remote_api"] = {{"bind", "not-an-address"}};
        const QString problems = problemsOf(document);
        QVERIFY(problems.contains("telegram.token_secret: missing required setting"));
        QVERIFY(problems.contains("telegram.admins: at least one admin"));
        QVERIFY(problems.contains("remote_api.port: missing required setting"));
        QVERIFY(problems.contains("remote_api.token_secret: missing required setting"));
        QVERIFY(problems.contains("remote_api.bind: 'not-an-address' is not an IP address"));
    }

    void typosAndWrongTypesAreErrors()
    {
        Json document = minimal();
        document["telegarm"] = Json::object();
        document["deploy"]["htps_port"] = 1;
        document["deploy"]["http_port"] = "80";
        document["budgets"] = {{"global_usd", -5}};
        const QString problems = problemsOf(document);
        QVERIFY2(problems.contains("telegarm: unknown setting"), qPrintable(problems));
        QVERIFY(problems.contains("deploy.htps_port: unknown setting"));
        QVERIFY(problems.contains("deploy.http_port: must be a whole number"));
        QVERIFY(problems.contains("budgets.global_usd: must be at least 0"));
        QCOMPARE(problemsOf(minimal()), QString());
    }

    void theDesktopNeedsOnlyWhatItUses()
    {
        const Json providersOnly = {
            {"providers", {{"openai", {{"base_url", "http://127.0.0.1:8080/v1"}}}}}};
        auto desktop =
            ServerConfig::fromJson(providersOnly, "/etc/orch", ServerConfig::Use::Desktop);
        QVERIFY2(desktop.ok(), qPrintable(desktop.error()));
        QVERIFY(desktop->engine.databasePath.isEmpty()); // the default place
        QCOMPARE(desktop->engine.llm.endpoints.at("openai").baseUrl.port(), 8080);
        QVERIFY(!ServerConfig::fromJson(providersOnly, "/etc/orch").ok()); // not enough for serve
        auto halfDeploy = ServerConfig::fromJson({{"deploy", {{"root", "d"}}}}, "/etc/orch",
                                                 ServerConfig::Use::Desktop);
        QVERIFY(!halfDeploy.ok());
        QVERIFY(halfDeploy.error().contains("deploy.https_port: missing required setting"));
    }

    void relativePathsFollowTheFile()
    {
        auto config = ServerConfig::fromJson(minimal(), "/etc/orch");
        QVERIFY(config.ok());
        QCOMPARE(config->engine.databasePath, QString("/etc/orch/o.db"));
        QCOMPARE(config->engine.llm.replayScript, QString("/etc/orch/demo.json"));
        QCOMPARE(config->engine.tools.deploy.settings.deployRoot, QString("/etc/orch/deploy"));
        QVERIFY(!config->telegram.has_value());
        QVERIFY(!config->remote.has_value());
    }

    void serveRefusesABadFile()
    {
        QTemporaryDir dir;
        Json document = minimal();
        document["deploy"].erase("https_port");
        QFile file(dir.filePath("bad.json"));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(toBytes(document));
        file.close();
        CliResult serve = runCli({"serve", "--config", file.fileName()});
        QCOMPARE(serve.exitCode, 2);
        QVERIFY2(serve.err.contains("deploy.https_port: missing required setting"),
                 qPrintable(serve.err));
        CliResult missing = runCli({"serve", "--config", dir.filePath("absent.json")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY(missing.err.contains("cannot read the settings file"));
    }
};

QTEST_GUILESS_MAIN(TestServerConfig)
#include "tst_server_config.moc"
