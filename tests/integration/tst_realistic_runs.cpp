// The bundled graph against a model that behaves like a mid-grade real one (RealisticModel):
// it reads each request's tools and state and opens every visit of every agent with prose;
// each row adds one flaw (a mis-copied edit, a bug its own tests catch, a wrong first check,
// dependent calls at once, a half-remembered tool name, a reply cut at the output cap, the
// wrong language, a release that does not start), and the last rows all of them. Real files,
// tests, commits and deploys (Caddy, TLS) on this machine. Every row ends deployed and
// checked, and no run loops: words never move the work.

#include "RealisticRun.h"

using namespace orch;
using namespace orch::test;

class TestRealisticRuns : public QObject
{
    Q_OBJECT

    RealisticDeploys m_deploys;

private slots:
    void initTestCase() { QVERIFY(m_deploys.start()); }

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
        std::unique_ptr<RealisticScenario> s;
        RealisticOutcome o;
        playToDeployed("http service", httpServiceKit(), flaws, m_deploys.settings, s, o);
        if (!QTest::currentTestFailed() && flaws == ProseFirst) // words never moved it
            QCOMPARE(s->model->callsPerAgent().at("devops"), 3);
    }

    void cleanupTestCase() { m_deploys.stop(); }
};

QTEST_GUILESS_MAIN(TestRealisticRuns)
#include "tst_realistic_runs.moc"
