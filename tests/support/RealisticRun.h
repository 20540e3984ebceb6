#pragma once
// A whole run of the bundled graph against the realistic model, on this machine with real
// deploys: what the scenario tests assert and the closing notes tabulate (steps, model calls,
// the questions the person was asked, each quoted).

#include "EngineInternals.h"
#include "LocalPorts.h"
#include "RealisticModel.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "deploy/Deployer.h"
#include "store/RunStore.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace orch::test {

struct RealisticOutcome
{
    RunRecord record;
    Json state;
    QStringList questions;             // as the person saw them, in order
    std::vector<QString> agentsInTurn; // the agent of every step, in order
    int modelCalls = 0;

    // How many separate visits `agent` made after the first step of `after`.
    int visitsAfter(const QString& agent, const QString& after) const
    {
        int visits = 0;
        bool seen = false;
        QString previous;
        for (const QString& each : agentsInTurn) {
            if (seen && each == agent && previous != agent)
                visits += 1;
            seen = seen || each == after;
            previous = each;
        }
        return visits;
    }
    // Whether `agent` took a step after the first step of `after`.
    bool stepped(const QString& agent, const QString& after) const
    {
        bool seen = false;
        for (const QString& each : agentsInTurn) {
            seen = seen || each == after;
            if (seen && each == agent)
                return true;
        }
        return false;
    }
};

inline RealisticOutcome collectOutcome(TestEngine& t, const RunRecord& record,
                                       const RealisticModel& model)
{
    RealisticOutcome outcome;
    outcome.record = record;
    RunStore& store = inside(*t.engine).store();
    outcome.state = store.lastCheckpoint(record.id).value().state;
    for (const RunEvent& event : store.events(record.id).value())
        if (event.kind == EventKind::QuestionAsked)
            outcome.questions << toQ(stringOr(event.payload, "text"));
    for (const StepRecord& step : store.steps(record.id).value()) {
        outcome.agentsInTurn.push_back(step.agent);
        if (qEnvironmentVariableIsSet("ORCH_TRACE_STEPS"))
            qInfo("step %d %s %s: %s", step.stepNo, qPrintable(step.agent),
                  qPrintable(step.outcome), dumpJson(step.detail).substr(0, 400).c_str());
    }
    if (qEnvironmentVariableIsSet("ORCH_TRACE_STEPS"))
        for (const RunEvent& event : store.events(record.id).value())
            if (event.kind == EventKind::Warning)
                qInfo("warning: %s", dumpJson(event.payload).substr(0, 400).c_str());
    outcome.modelCalls = model.calls();
    return outcome;
}

// An engine on the bundled graph whose models are all one realistic model, deploying with
// `settings` on a port of its own.
struct RealisticScenario
{
    FakeLlmServer server;
    std::unique_ptr<RealisticModel> model;
    std::unique_ptr<TestEngine> engine;

    static std::unique_ptr<RealisticScenario> make(ProjectKit kit, unsigned flaws,
                                                   const DeploySettings& settings)
    {
        auto s = std::make_unique<RealisticScenario>();
        if (!s->server.listen())
            return nullptr;
        s->model = std::make_unique<RealisticModel>(std::move(kit), flaws);
        s->server.setHandler(s->model->handler());
        const int port = freePort();
        s->engine =
            std::make_unique<TestEngine>(s->server, false, 2, 20000, [&](EngineOptions& options) {
                options.tools.deploy.settings = settings;
                options.tools.deploy.servicePortFirst = port;
                options.tools.deploy.servicePortLast = port;
            });
        return s->engine->engine ? std::move(s) : nullptr;
    }

    RealisticOutcome run(const std::string& description)
    {
        auto started = engine->engine->startRunFromFile(toQ(description), QString());
        if (!started) {
            qWarning("%s", qPrintable(started.error()));
            return {};
        }
        return collectOutcome(*engine, engine->waitForStop(started.value(), 240000), *model);
    }
};

// Deploys on this machine for the scenarios: a temporary root and Caddy's ports of its own.
struct RealisticDeploys
{
    QTemporaryDir dir;
    DeploySettings settings;

    bool start()
    {
        qRegisterMetaType<orch::DeployOutcome>();
        if (!letOthersThrough(dir.path()))
            return false;
        settings.deployRoot = dir.filePath("deploy");
        settings.httpPort = freePort();
        settings.httpsPort = freePort();
        settings.healthTimeoutMs = 60000; // CI runs other deploys at the same time
        return true;
    }
    void stop() { QProcess::execute("pkill", {"-f", dir.path()}); }
};

// The run ended deployed and checked, and words never moved the work: the Developer ran
// after DevOps only when the release itself was broken, and then once, with the evidence.
inline void verifyDeployedAndChecked(const RealisticOutcome& o, unsigned flaws)
{
    QCOMPARE(o.record.status, RunStatus::Completed);
    QCOMPARE(o.state["deployment"]["healthy"], true);
    QCOMPARE(o.state["probes"]["passed"], true);
    QCOMPARE(o.state["tests"]["passed"], true);
    QVERIFY(o.questions.isEmpty());
    QCOMPARE(o.visitsAfter("developer", "devops"), (flaws & DeployBug) ? 1 : 0);
    QCOMPARE(o.state["deployment"]["version"], o.state["repo"]["last_commit"]);
}

inline void reportOutcome(const char* scenario, const char* flaws, const RealisticOutcome& o);

// Plays the kit's project with `flaws` to its end, prints its line of the table and checks
// that it ended deployed and checked with each check once on the sheet.
inline void playToDeployed(const char* scenario, const ProjectKit& kit, unsigned flaws,
                           const DeploySettings& settings, std::unique_ptr<RealisticScenario>& s,
                           RealisticOutcome& o)
{
    s = RealisticScenario::make(kit, flaws, settings);
    QVERIFY(s);
    o = s->run(kit.description);
    reportOutcome(scenario, QTest::currentDataTag(), o);
    verifyDeployedAndChecked(o, flaws);
    if (!QTest::currentTestFailed()) // a sloppy check was replaced under its id
        QCOMPARE(o.state["probes"]["checks"].size(), kit.checks.size());
}

// One line of the scenario × flaw table, printed for the closing note.
inline void reportOutcome(const char* scenario, const char* flaws, const RealisticOutcome& o)
{
    qInfo("| %s | %s | %s | %d | %d | %lld |", scenario, flaws,
          qPrintable(RunStatus::name(o.record.status)), o.record.steps, o.modelCalls,
          static_cast<long long>(o.questions.size()));
    for (const QString& question : o.questions)
        qInfo("    asked: «%s»", qPrintable(question.left(1500)));
}

} // namespace orch::test
