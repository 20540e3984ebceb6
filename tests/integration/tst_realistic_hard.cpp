// The HTTP service of tst_realistic_runs with the hard rows: a bug its own tests catch, a
// release that does not start (the deploy's evidence sends it back to the Developer once, with
// no passing tests left from before), every flaw at once, and every flaw with that release.

#include "RealisticRun.h"

using namespace orch;
using namespace orch::test;

class TestRealisticHard : public QObject
{
    Q_OBJECT

    RealisticDeploys m_deploys;

private slots:
    void initTestCase() { QVERIFY(m_deploys.start()); }

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
        std::unique_ptr<RealisticScenario> s;
        RealisticOutcome o;
        playToDeployed("http service", httpServiceKit(), flaws, m_deploys.settings, s, o);
    }

    void cleanupTestCase() { m_deploys.stop(); }
};

QTEST_GUILESS_MAIN(TestRealisticHard)
#include "tst_realistic_hard.moc"
