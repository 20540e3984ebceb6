// The bundled graph against a model that behaves like a mid-grade real one (RealisticModel):
// it reads each request's tools and state, opens every visit of every agent with prose, and
// in the hardest runs also mis-copies an edit, writes a bug its own tests catch, checks the
// wrong thing first, sends dependent calls at once, half-remembers a tool name, is cut at the
// output cap and answers in the wrong language. Real files, tests, commits and deploys (Caddy,
// TLS) on this machine. Each run ends deployed and checked; a deploy the environment refuses
// ends in one clear question, and the answer finishes it. No run loops.

#include "RealisticRun.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"

#include <QDir>
#include <QFile>
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
    void verifyDeployed(const RealisticOutcome& o)
    {
        QCOMPARE(o.record.status, RunStatus::Completed);
        QCOMPARE(o.state["deployment"]["healthy"], true);
        QCOMPARE(o.state["probes"]["passed"], true);
        QCOMPARE(o.state["tests"]["passed"], true);
        QVERIFY(o.questions.isEmpty());
        // Prose never moved the work: the Developer never ran after DevOps or the Tester.
        QVERIFY(!o.stepped("developer", "devops"));
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

    void anHttpServiceWithProseFirstInEveryAgent()
    {
        const ProjectKit kit = httpServiceKit();
        auto s = scenario(kit, ProseFirst, m_settings);
        QVERIFY(s);
        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("http service", "prose first", o);
        verifyDeployed(o);
        // Every agent opened with prose and was nudged once: seven visits, seven nudges.
        QCOMPARE(s->model->callsPerAgent().at("devops"), 3); // prose, deploy, "deployed"
    }

    void anHttpServiceWithEveryFlaw()
    {
        const ProjectKit kit = httpServiceKit();
        auto s = scenario(kit, kEveryFlaw, m_settings);
        QVERIFY(s);
        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("http service", "every flaw", o);
        verifyDeployed(o);
        // The sloppy check was replaced under its id; the sheet has each criterion once.
        QCOMPARE(o.state["probes"]["checks"].size(), kit.checks.size());
        QVERIFY(o.record.steps < 80);
    }

    void aWorkerWithEveryFlaw()
    {
        const ProjectKit kit = workerKit();
        auto s = scenario(kit, kEveryFlaw, m_settings);
        QVERIFY(s);
        const RealisticOutcome o = s->run(kit.description);
        reportOutcome("worker", "every flaw", o);
        QCOMPARE(o.state["deployment"]["kind"], "worker");
        verifyDeployed(o);
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

QTEST_GUILESS_MAIN(TestRealisticRuns)
#include "tst_realistic_runs.moc"
