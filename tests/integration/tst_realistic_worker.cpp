// A worker built by the bundled graph with the realistic model (see tst_realistic_runs): it
// answers no requests, so the Tester checks its log. With every flaw and a release that does
// not start, the deploy's evidence sends it back to the Developer once; a deploy root the
// service users cannot reach is the machine's problem and ends in one clear question.

#include "RealisticRun.h"

#include <QDir>
#include <QFile>

using namespace orch;
using namespace orch::test;

class TestRealisticWorker : public QObject
{
    Q_OBJECT

    RealisticDeploys m_deploys;

private slots:
    void initTestCase() { QVERIFY(m_deploys.start()); }

    void aWorkerEndsDeployedAndChecked_data()
    {
        QTest::addColumn<unsigned>("flaws");
        QTest::newRow("prose first") << unsigned(ProseFirst);
        QTest::newRow("every flaw + deploy bug") << (kEveryFlaw | DeployBug);
    }

    void aWorkerEndsDeployedAndChecked()
    {
        QFETCH(unsigned, flaws);
        std::unique_ptr<RealisticScenario> s;
        RealisticOutcome o;
        playToDeployed("worker", workerKit(), flaws, m_deploys.settings, s, o);
        if (!QTest::currentTestFailed())
            QCOMPARE(o.state["deployment"]["kind"], "worker");
    }

    // Services run as their own users; a deploy root they cannot reach is the machine's
    // problem, not the code's: one question with the exact fix, and "retry" after it works.
    void aDeployTheEnvironmentRefusesEndsInOneClearQuestion()
    {
        const QString locked = m_deploys.dir.filePath("locked");
        QVERIFY(QDir().mkpath(locked));
        QVERIFY(QFile::setPermissions(locked, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner));
        DeploySettings settings = m_deploys.settings;
        settings.deployRoot = locked + "/deploy";
        settings.httpPort = freePort();
        settings.httpsPort = freePort();
        const ProjectKit kit = workerKit();
        auto s = RealisticScenario::make(kit, ProseFirst, settings);
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

    void cleanupTestCase() { m_deploys.stop(); }
};

QTEST_GUILESS_MAIN(TestRealisticWorker)
#include "tst_realistic_worker.moc"
