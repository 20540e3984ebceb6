// The bundled graph against a model that behaves like a mid-grade real one (RealisticModel):
// it reads each request's tools and state and opens every visit of every agent with prose;
// each row adds one flaw (a mis-copied edit, a bug its own tests catch, a wrong first check,
// dependent calls at once, a half-remembered tool name, a reply cut at the output cap, the
// wrong language, a release that does not start), and the last rows all of them. Real files,
// tests, commits and deploys (Caddy, TLS) on this machine. Every row ends deployed and
// checked, and no run loops: words never move the work.

#include "RealisticRun.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestRealisticRuns : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DeploySettings m_settings;

    std::unique_ptr<RealisticScenario> scenario(ProjectKit kit, unsigned flaws,
                                                DeploySettings settings)
    {
        return RealisticScenario::make(std::move(kit), flaws, settings);
    }

    // The service answers what the spec promises, through Caddy with TLS.
    void verifyDeployed(const RealisticOutcome& o, unsigned flaws)
    {
        QCOMPARE(o.record.status, RunStatus::Completed);
        QCOMPARE(o.state["deployment"]["healthy"], true);
        QCOMPARE(o.state["probes"]["passed"], true);
        QCOMPARE(o.state["tests"]["passed"], true);
        QVERIFY(o.questions.isEmpty());
        // Prose never moved the work: the Developer ran after DevOps only when the release
        // itself was broken, and then once, with the deploy's evidence.
        QCOMPARE(o.stepped("developer", "devops"), bool(flaws & DeployBug));
        if (flaws & DeployBug)
            QCOMPARE(o.state["repo"]["last_commit"], o.state["deployment"]["version"]);
        QCOMPARE(o.state["deployment"]["version"], o.state["repo"]["last_commit"]);
    }

private slots:
    void initTestCase()
    {
        qRegisterMetaType<orch::DeployOutcome>();
        QVERIFY(letOthersThrough(m_dir.path()));
        m_settings.deployRoot = m_dir.filePath("deploy");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.caddyAdminPort = freePort();
        m_settings.healthTimeoutMs = 60000; // CI runs other deploys at the same time
    }

    void anHttpServiceEndsDeployedAndChecked_data()
    {
        QTest::addColumn<unsigned>("flaws");
        QTest::newRow("prose first") << unsigned(ProseFirst);
        QTest::newRow("+ mis-copied edit") << (ProseFirst | BuggyCode | MiscopiedEdit);
        QTest::newRow("+ wrong check") << (ProseFirst | WrongCheck);
        QTest::newRow("+ two calls at once") << (ProseFirst | TwoCalls);
        QTest::newRow("+ half-remembered tool") << (ProseFirst | HalfRememberedTool);
        QTest::newRow("+ reply cut at the cap") << (ProseFirst | CutReply);
        QTest::newRow("+ wrong language") << (ProseFirst | WrongLanguage);
    }

    void anHttpServiceEndsDeployedAndChecked()
    {
        QFETCH(unsigned, flaws);
        const ProjectKit kit = httpServiceKit();
        auto s = scenario(kit, flaws, m_settings);
        QVERIFY(s);
        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("http service", QTest::currentDataTag(), o);
        verifyDeployed(o, flaws);
        // A sloppy check is replaced under its id: the sheet has each check once.
        QCOMPARE(o.state["probes"]["checks"].size(), kit.checks.size());
        if (flaws == ProseFirst) // prose, deploy, "deployed": words never moved it
            QCOMPARE(s->model->callsPerAgent().at("devops"), 3);
    }

    void cleanupTestCase() { QProcess::execute("pkill", {"-f", m_dir.path()}); }
};

QTEST_GUILESS_MAIN(TestRealisticRuns)
#include "tst_realistic_runs.moc"
