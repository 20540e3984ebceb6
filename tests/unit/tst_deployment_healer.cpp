// The healer's decisions against a real store, with the redeploys it asks for answered by the
// test: a deployment failing N probes in a row gets an incident and a restart; a new release
// that never passed a probe is rolled back when the restart did not help; an old one is given
// up (a person is needed); a passing probe resolves it. A healer started again (serve killed
// in the middle of an incident) goes on from the incident's timeline, never restarting twice.

#include "facade/DeploymentHealer.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;

class TestDeploymentHealer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<RunStore> m_store;
    QStringList m_asked; // "restart p1", "rollback p1"
    QStringList m_told;  // "restarting", "rolling_back", "gave_up", "resolved"
    bool m_deployWorks = true;
    int m_stores = 0;

    DeploymentHealer::Services services()
    {
        DeploymentHealer::Services s;
        s.deployAgain = [this](const QString& projectId, bool back, Reply<DeploymentRecord> done) {
            m_asked << QStringLiteral("%1 %2").arg(back ? "rollback" : "restart", projectId);
            QMetaObject::invokeMethod(
                this,
                [this, done, projectId] {
                    if (!m_deployWorks)
                        return done(Error{"the health check failed"});
                    DeploymentRecord record;
                    record.projectId = projectId;
                    record.version = QString(40, 'b');
                    done(record);
                },
                Qt::QueuedConnection);
        };
        s.tell = [this](const DeploymentRecord&, const QString& change, const QString&) {
            m_told << change;
        };
        return s;
    }

    void live(const QString& projectId, bool withPrevious, bool healthyOnce)
    {
        DeploymentRecord d;
        d.projectId = projectId;
        d.runId = "r-" + projectId;
        d.service = projectId;
        d.kind = "http";
        d.url = "https://" + projectId + ".localhost/";
        d.version = QString(40, 'b');
        d.previous = withPrevious ? QString(40, 'a') : QString();
        QVERIFY(Deployments(m_store->database()).record(d));
        if (healthyOnce) {
            DeploymentProbeResult ok;
            ok.healthy = true;
            QVERIFY(Deployments(m_store->database())
                        .recordProbe(projectId, ok, QDateTime::currentMSecsSinceEpoch() + 1));
        }
    }

    // A failed probe as the watcher reports it (stored, then handed to the healer).
    void fail(DeploymentHealer& healer, const QString& projectId)
    {
        DeploymentProbeResult down;
        down.detail = "connection refused";
        (void)Deployments(m_store->database())
            .recordProbe(projectId, down, QDateTime::currentMSecsSinceEpoch() + 2);
        healer.onProbe(projectId, false, down.detail);
        QTest::qWait(20); // the answer to a redeploy comes from the event loop
    }

    QStringList timeline(const QString& projectId)
    {
        auto all = Incidents(m_store->database()).since(0);
        QStringList steps;
        for (const Incident& incident : all.value())
            if (incident.projectId == projectId)
                for (const Json& step : incident.timeline)
                    steps << toQ(stringOr(step, "action"));
        return steps;
    }

private slots:
    void init()
    {
        m_store = RunStore::open(m_dir.filePath(QString::number(++m_stores) + ".db")).value();
        m_asked.clear();
        m_told.clear();
        m_deployWorks = true;
    }

    void aRestartThatHelpsResolvesTheIncident()
    {
        live("p1", true, true);
        DeploymentHealer healer(*m_store, 3, services(), nullptr);
        fail(healer, "p1");
        fail(healer, "p1");
        QVERIFY(m_asked.isEmpty()); // two failures: not yet
        fail(healer, "p1");
        QCOMPARE(m_asked, QStringList{"restart p1"});
        healer.onProbe("p1", true, {});
        QCOMPARE(m_told, (QStringList{"restarting", "resolved"}));
        QCOMPARE(timeline("p1"), (QStringList{"detected", "restart", "restart_done", "resolved"}));
        QVERIFY(!Incidents(m_store->database()).current("p1")->has_value());
    }

    void aNewReleaseIsRolledBackAnOldOneGivenUp()
    {
        live("new", true, false); // never passed a probe since it went live
        live("old", true, true);  // it did: its release is not the suspect
        DeploymentHealer healer(*m_store, 1, services(), nullptr);
        fail(healer, "new");
        fail(healer, "new");
        QCOMPARE(m_asked, (QStringList{"restart new", "rollback new"}));
        fail(healer, "new");
        QCOMPARE(timeline("new").last(), QString("given_up"));
        fail(healer, "new"); // given up: nothing more until a person acts or it recovers
        QCOMPARE(m_asked.size(), 2);

        fail(healer, "old");
        fail(healer, "old");
        QCOMPARE(m_asked.mid(2), QStringList{"restart old"});
        QCOMPARE(Incidents(m_store->database()).current("old")->value().state,
                 IncidentState::GivenUp);
        healer.onProbe("old", true, {}); // fixed by hand: resolved
        QVERIFY(!Incidents(m_store->database()).current("old")->has_value());
        QCOMPARE(m_told.count("gave_up"), 2);
    }

    void aHealerStartedAgainGoesOnWhereTheIncidentWas()
    {
        live("p2", true, false);
        {
            DeploymentHealer first(*m_store, 1, services(), nullptr);
            fail(first, "p2");
            QCOMPARE(m_asked, QStringList{"restart p2"});
        } // serve is killed after the restart
        DeploymentHealer next(*m_store, 1, services(), nullptr);
        fail(next, "p2");
        QCOMPARE(m_asked, (QStringList{"restart p2", "rollback p2"})); // not a second restart
    }

    void aFailedRestartStillEscalatesAndZeroMeansOnlyTelling()
    {
        live("p3", true, false);
        m_deployWorks = false;
        DeploymentHealer healer(*m_store, 1, services(), nullptr);
        fail(healer, "p3");
        QVERIFY(timeline("p3").contains("restart_failed"));
        fail(healer, "p3");
        QCOMPARE(m_asked, (QStringList{"restart p3", "rollback p3"}));

        live("p4", true, false);
        DeploymentHealer off(*m_store, 0, services(), nullptr);
        for (int i = 0; i < 5; ++i)
            fail(off, "p4");
        QCOMPARE(m_asked.size(), 2);
        QVERIFY(timeline("p4").isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDeploymentHealer)
#include "tst_deployment_healer.moc"
