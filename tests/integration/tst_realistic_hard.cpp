// The HTTP service of tst_realistic_runs with the hard rows: a bug its own tests catch, a
// release that does not start (the deploy's evidence sends it back to the Developer once, with
// no passing tests left from before), every flaw at once, and every flaw with that release.

#include "RealisticRun.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"

#include <QProcess>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestRealisticHard : public QObject
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
        QTest::newRow("+ bug its tests catch") << (ProseFirst | BuggyCode);
        QTest::newRow("+ bug only the deploy shows") << (ProseFirst | DeployBug);
        QTest::newRow("every flaw") << kEveryFlaw;
        QTest::newRow("every flaw + deploy bug") << (kEveryFlaw | DeployBug);
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
    }

    void cleanupTestCase() { QProcess::execute("pkill", {"-f", m_dir.path()}); }
};

QTEST_GUILESS_MAIN(TestRealisticHard)
#include "tst_realistic_hard.moc"
