// A worker built by the bundled graph with the realistic model (see tst_realistic_runs): it
// answers no requests, so the Tester checks its log. With every flaw and a release that does
// not start, the deploy's evidence sends it back to the Developer once; a deploy root the
// service users cannot reach is the machine's problem and ends in one clear question.

#include "RealisticRun.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestRealisticWorker : public QObject
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

    void aWorkerEndsDeployedAndChecked_data()
    {
        QTest::addColumn<unsigned>("flaws");
        QTest::newRow("prose first") << unsigned(ProseFirst);
        QTest::newRow("every flaw + deploy bug") << (kEveryFlaw | DeployBug);
    }

    void aWorkerEndsDeployedAndChecked()
    {
        QFETCH(unsigned, flaws);
        const ProjectKit kit = workerKit();
        auto s = scenario(kit, flaws, m_settings);
        QVERIFY(s);
        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("worker", QTest::currentDataTag(), o);
        QCOMPARE(o.state["deployment"]["kind"], "worker");
        verifyDeployed(o, flaws);
    }

    // Services run as their own users; a deploy root they cannot reach is the machine's
    // problem, not the code's: one question with the exact fix, and "retry" after it works.
    void aDeployTheEnvironmentRefusesEndsInOneClearQuestion()
    {
        const QString locked = m_dir.filePath("locked");
        QVERIFY(QDir().mkpath(locked));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner));
        DeploySettings settings = m_settings;
        settings.deployRoot = locked + "/deploy";
        settings.httpPort = freePort();
        settings.httpsPort = freePort();
        settings.caddyAdminPort = freePort();
        const ProjectKit kit = workerKit();
        auto s = scenario(kit, ProseFirst, settings);
        QVERIFY(s);
        RealisticOutcome o = s->run(kit.description);
        QCOMPARE(o.record.status, RunStatus::WaitingHuman);
        QCOMPARE(o.questions.size(), 1);
        QCOMPARE(o.state["question"]["kind"], "failure");
        QVERIFY2(o.questions.front().contains("chmod o+x " + locked), qPrintable(o.questions[0]));
        QCOMPARE(o.state["failure"]["class"], "environment");
        QVERIFY(!o.stepped("developer", "devops")); // it never went to the Developer

        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                  QFileDevice::ExeOther));
        const RunRecord after = s->engine->answerAndWait(o.record.id, "retry", 240000);
        o = collectOutcome(*s->engine, after, *s->model);
        reportOutcome("worker, deploy root unreachable", "prose first", o);
        QCOMPARE(after.status, RunStatus::Completed);
        QCOMPARE(o.state["deployment"]["healthy"], true);
        QCOMPARE(o.questions.size(), 1);
        QVERIFY(!o.stepped("developer", "devops"));
    }

    void cleanupTestCase() { QProcess::execute("pkill", {"-f", m_dir.path()}); }
};

QTEST_GUILESS_MAIN(TestRealisticWorker)
#include "tst_realistic_worker.moc"
