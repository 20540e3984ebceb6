// The healer's decisions against a real store, with the redeploys and repair runs it asks for
// answered by the test: a deployment failing N probes in a row gets an incident and a restart;
// a new release that never passed a probe is rolled back when the restart did not help; then,
// as the project's repair policy says, it is given up (off: a person is needed), waits for the
// person's approval of a repair run (ask) or starts one (auto), within the month's repair
// budget; a passing probe resolves it. A healer started again (serve killed in the middle of an
// incident) goes on from the incident's timeline, never restarting or repairing twice.

#include "facade/DeploymentHealer.h"
#include "money/Repairs.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace orch;

class TestDeploymentHealer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<Repairs> m_repairs;
    QStringList m_asked;   // "restart p1", "rollback p1", "repair p1"
    QStringList m_told;    // "restarting", "rolling_back", "repair_asked", "gave_up", "resolved"
    QStringList m_details; // what each telling said
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
        s.startRepair = [this](const QString& projectId, const Incident& incident,
                               Reply<QString> done) {
            m_asked << "repair " + projectId;
            // A run as the runner would make it: a change run of the project, marked a repair.
            const QString runId = QStringLiteral("repair-%1-%2").arg(projectId).arg(m_asked.size());
            (void)m_store->createProject({projectId, projectId, "a service", "/tmp/ws", 0});
            RunRecord run;
            run.id = runId;
            run.projectId = projectId;
            run.graphId = 1;
            QVERIFY(m_store->createRun(run, {runId, 0, Json::object(), Json::object()}, {}));
            QVERIFY(m_repairs->markRepairRun(runId, projectId, incident.id, now()));
            QMetaObject::invokeMethod(
                this, [done, runId] { done(runId); }, Qt::QueuedConnection);
        };
        s.tell = [this](const DeploymentRecord&, const QString& change, const QString& detail,
                        qint64, const QString&) {
            m_told << change;
            m_details << detail;
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

    static qint64 now() { return QDateTime::currentMSecsSinceEpoch(); }

    // The latest repair run of the project ends (as the runner would record it).
    void repairEnds(const QString& projectId, RunStatus::Value status)
    {
        auto incident = Incidents(m_store->database()).current(projectId);
        QVERIFY(incident && incident->has_value());
        auto runId = m_repairs->runFor(incident->value().id);
        QVERIFY(runId && runId->has_value());
        RunRecord run = m_store->run(runId->value()).value();
        run.status = status;
        run.reason = status == RunStatus::Failed ? "the tests kept failing" : "";
        QVERIFY(m_store->updateRun(run, {}));
    }

    void spend(const QString& runId, const QString& projectId, double cost)
    {
        LedgerEntry entry{runId, projectId, 1, "developer", "openai", "gpt", {}, cost};
        entry.usage.prompt = 1000;
        QVERIFY(m_store->recordLedger(entry));
    }

private slots:
    void init()
    {
        m_store = RunStore::open(m_dir.filePath(QString::number(++m_stores) + ".db")).value();
        QVERIFY(m_store->saveGraph("g", Json{{"name", "g"}}));
        // The first tests are about restarts and rollbacks: repairs are off.
        m_repairs =
            std::make_unique<Repairs>(m_store->database(), RepairDefaults{RepairPolicy::Off, 5.0});
        m_asked.clear();
        m_told.clear();
        m_details.clear();
        m_deployWorks = true;
    }

    void aRestartThatHelpsResolvesTheIncident()
    {
        live("p1", true, true);
        DeploymentHealer healer(*m_store, *m_repairs, 3, services(), nullptr);
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
        DeploymentHealer healer(*m_store, *m_repairs, 1, services(), nullptr);
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
            DeploymentHealer first(*m_store, *m_repairs, 1, services(), nullptr);
            fail(first, "p2");
            QCOMPARE(m_asked, QStringList{"restart p2"});
        } // serve is killed after the restart
        DeploymentHealer next(*m_store, *m_repairs, 1, services(), nullptr);
        fail(next, "p2");
        QCOMPARE(m_asked, (QStringList{"restart p2", "rollback p2"})); // not a second restart
    }

    void aFailedRestartStillEscalatesAndZeroMeansOnlyTelling()
    {
        live("p3", true, false);
        m_deployWorks = false;
        DeploymentHealer healer(*m_store, *m_repairs, 1, services(), nullptr);
        fail(healer, "p3");
        QVERIFY(timeline("p3").contains("restart_failed"));
        fail(healer, "p3");
        QCOMPARE(m_asked, (QStringList{"restart p3", "rollback p3"}));

        live("p4", true, false);
        DeploymentHealer off(*m_store, *m_repairs, 0, services(), nullptr);
        for (int i = 0; i < 5; ++i)
            fail(off, "p4");
        QCOMPARE(m_asked.size(), 2);
        QVERIFY(timeline("p4").isEmpty());
    }

    void askWaitsForTheButtonAndOneRepairAtATime()
    {
        live("p5", false, true); // an old release: a restart, then the repair stage
        QVERIFY(m_repairs->set("p5", RepairPolicy::Ask, 5.0, now()));
        DeploymentHealer healer(*m_store, *m_repairs, 1, services(), nullptr);
        fail(healer, "p5");
        fail(healer, "p5");
        QCOMPARE(m_told, (QStringList{"restarting", "repair_asked"}));
        QVERIFY2(m_details.last().contains("$5.00 of $5.00 left"), qPrintable(m_details.last()));
        fail(healer, "p5"); // it waits for the person: not asked again, nothing started
        fail(healer, "p5");
        QCOMPARE(m_asked, QStringList{"restart p5"});
        QCOMPARE(m_told.count("repair_asked"), 1);

        // The button: the repair run starts, the chat hears of it.
        QString started;
        healer.repair("p5",
                      [&](Result<QString> run) { started = run ? run.value() : run.error(); });
        QTRY_VERIFY(!started.isEmpty());
        QVERIFY2(started.startsWith("repair-p5"), qPrintable(started));
        QCOMPARE(m_told.last(), QString("repairing"));
        // A second press while it works is refused; failing probes wait for its outcome.
        Result<QString> again = Error{"unanswered"};
        healer.repair("p5", [&](Result<QString> run) { again = run; });
        QTRY_VERIFY(again.error() != "unanswered");
        QCOMPARE(again.code(), ErrorCode::Conflict);
        fail(healer, "p5");
        QCOMPARE(m_asked, (QStringList{"restart p5", "repair p5"}));

        // The run ended and the service still fails: given up, naming how the run ended.
        repairEnds("p5", RunStatus::Failed);
        fail(healer, "p5"); // it may have begun before the run's end: counted from here
        QCOMPARE(m_told.last(), QString("repairing"));
        fail(healer, "p5");
        QCOMPARE(m_told.last(), QString("gave_up"));
        QVERIFY2(m_details.last().contains("the repair run, which ended failed (the tests kept "
                                           "failing)"),
                 qPrintable(m_details.last()));
        QVERIFY(timeline("p5").contains("repair_asked"));
        QVERIFY(timeline("p5").contains("repair"));
    }

    void autoRepairsWithinTheMonthsBudget()
    {
        live("p6", false, true);
        QVERIFY(m_repairs->set("p6", RepairPolicy::Auto, 1.0, now()));
        DeploymentHealer healer(*m_store, *m_repairs, 1, services(), nullptr);
        fail(healer, "p6");
        fail(healer, "p6");
        QTRY_COMPARE(m_asked, (QStringList{"restart p6", "repair p6"}));
        const QString repairRun = "repair-p6-2";
        QCOMPARE(m_repairs->incidentOf(repairRun).value().has_value(), true);
        // The repair run's calls are paid from the repair budget: refused once it is spent.
        QVERIFY(!m_repairs->refusal(repairRun, 0.5, now()).value().has_value());
        spend(repairRun, "p6", 1.25);
        auto refusal = m_repairs->refusal(repairRun, 0.01, now());
        QVERIFY(refusal && refusal->has_value());
        QVERIFY2(refusal->value().contains("repairs spent $1.2500 of $1.0000"),
                 qPrintable(refusal->value()));
        QVERIFY(!m_repairs->refusal("another run", 0.01, now()).value().has_value());
        healer.onProbe("p6", true, {}); // its fix deployed: resolved
        QCOMPARE(m_details.last(), QString("after the repair run"));

        // The next incident this month: the budget is spent, so no repair; the chat says why.
        fail(healer, "p6");
        fail(healer, "p6");
        QCOMPARE(m_asked.count("repair p6"), 1);
        QCOMPARE(m_told.last(), QString("gave_up"));
        QVERIFY2(m_details.last().contains("this month's repair budget is used up ($1.25 of "
                                           "$1.00 spent)"),
                 qPrintable(m_details.last()));
        Result<QString> asked = Error{"unanswered"};
        healer.repair("p6", [&](Result<QString> run) { asked = run; });
        QTRY_VERIFY(asked.error() != "unanswered");
        QCOMPARE(asked.code(), ErrorCode::Invalid);
        auto standing = m_repairs->standing("p6", now());
        QCOMPARE(standing->runsThisMonth, 1);
        QCOMPARE(standing->spentThisMonth, 1.25);
        // Raised: the person may ask for the repair of the given-up incident.
        QVERIFY(m_repairs->set("p6", QString(), 10.0, now()));
        healer.repair("p6", [&](Result<QString> run) { asked = run; });
        QTRY_VERIFY(asked && asked.value().startsWith("repair-p6"));
        QCOMPARE(Incidents(m_store->database()).current("p6")->value().state, IncidentState::Open);
    }

    void aRestartedHealerNeverRepairsTwice()
    {
        live("p7", false, true);
        QVERIFY(m_repairs->set("p7", RepairPolicy::Auto, 5.0, now()));
        {
            DeploymentHealer first(*m_store, *m_repairs, 1, services(), nullptr);
            fail(first, "p7");
            fail(first, "p7");
            QTRY_COMPARE(m_asked.count("repair p7"), 1);
        } // serve is killed while the repair run works
        DeploymentHealer next(*m_store, *m_repairs, 1, services(), nullptr);
        for (int i = 0; i < 3; ++i)
            fail(next, "p7");
        QCOMPARE(m_asked, (QStringList{"restart p7", "repair p7"}));
        repairEnds("p7", RunStatus::Completed);
        fail(next, "p7");
        fail(next, "p7");
        QCOMPARE(m_told.last(), QString("gave_up"));
        QCOMPARE(m_asked.count("repair p7"), 1);
    }

    void policiesAreCheckedAndKept()
    {
        QCOMPARE(m_repairs->set("p8", "sometimes", 1.0, now()).code(), ErrorCode::Invalid);
        QCOMPARE(m_repairs->set("p8", RepairPolicy::Ask, std::nan(""), now()).code(),
                 ErrorCode::Invalid);
        QCOMPARE(m_repairs->standing("p8", now())->policy, RepairPolicy::Off); // the default
        QVERIFY(m_repairs->set("p8", RepairPolicy::Auto, -1, now()));          // the budget kept
        QCOMPARE(m_repairs->standing("p8", now())->monthlyBudget, 5.0);
        QVERIFY(m_repairs->set("p8", QString(), 2.5, now()));
        QCOMPARE(m_repairs->standing("p8", now())->policy, RepairPolicy::Auto);
        // A month is a calendar month in UTC.
        const qint64 midMonth =
            QDateTime(QDate(2026, 12, 17), QTime(13, 5), Qt::UTC).toMSecsSinceEpoch();
        QCOMPARE(QDateTime::fromMSecsSinceEpoch(Repairs::monthStart(midMonth), Qt::UTC),
                 QDateTime(QDate(2026, 12, 1), QTime(0, 0), Qt::UTC));
    }
};

QTEST_GUILESS_MAIN(TestDeploymentHealer)
#include "tst_deployment_healer.moc"
