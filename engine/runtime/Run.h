#pragma once
// One run of a graph: drives agents step by step, applies each step's state update, routes
// (handoff first, then edges in order), and commits every finished step with its checkpoint
// in one transaction. Many runs share one event loop; a run never blocks it.

#include "agents/StepTypes.h"
#include "api/Records.h"
#include "core/Result.h"
#include "graph/GraphDefinition.h"
#include "graph/ProjectState.h"
#include "llm/Pricing.h"
#include "money/Forecasts.h"
#include "report/ReportBuilder.h"
#include "runtime/RunCursor.h"
#include "store/Lessons.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <functional>
#include <map>
#include <optional>

namespace orch {

class Agent;
class CodingAgent;
class ModelRouter;
class RunStore;
class StepJournal;
class ToolRegistry;
struct StepCommit;

struct RunSetup
{
    QString runId;
    QString projectId;
    qint64 graphId = 0;
    GraphPtr graph;
    QString workspace;
    RunStore* store = nullptr;
    ModelRouter* models = nullptr;
    const ToolRegistry* tools = nullptr;
    const Pricing* pricing = nullptr; // null: the bundled table
    // Why a model call estimated at `estimate` USD may not start now (a budget is used up);
    // empty when it may. Not set: nothing is limited.
    std::function<Result<std::optional<QString>>(const QString& projectId, double estimate)>
        budgetCheck;
    // Reads, inside a step's commit, what the next budgetCheck compares (so it need not).
    std::function<void()> readBudget;
    // Makes the agent of a coding_agent node (the CLI it runs); unset: such nodes cannot run.
    std::function<CodingAgent*(const AgentDefinition& definition, QObject* parent)> codingAgents;
    long long unpricedTokenLimit = 0; // tokens of calls with no known cost a run may use (0: any)
    // Keeps a secret the person sent for the project (request_secret); unset: none are kept.
    std::function<Result<void>(const QString& projectId, const QString& handle,
                               const QByteArray& value)>
        keepSecret;
};

class Run : public QObject
{
    Q_OBJECT
public:
    Run(RunSetup setup, QObject* parent);
    ~Run() override;

    // A new run: writes the run row and its step-0 checkpoint, then starts the entry agent.
    // `forecast`: what the run will likely cost and take, kept in its state for its report.
    Result<void> start(const QString& projectName, const QString& description,
                       const Json& forecast = Json());
    // A new run on a project that exists, for a change the person asked for: it starts at
    // `entry` with what the last run knew (`carried`: spec, plan, repository, deployment,
    // report) and the request in the state under `change`.
    Result<void> startChange(const Json& carried, const QString& request, const QString& entry);
    // Continues from a checkpoint. Running (or failed, when asked explicitly) runs go on;
    // waiting runs stay waiting until answered.
    Result<void> resume(const RunRecord& record, const Checkpoint& checkpoint);
    // The person's answer to the pending question; recorded as a step of kind "human".
    Result<void> answer(const QString& text);
    // A person's word to a run that stalled or failed: given to its current agent, and the
    // run goes on (call right after resume()).
    Result<void> revive(const QString& text);
    void cancel(const QString& reason);
    // Lets the step in flight finish and commit, then starts no other (shutdown). paused()
    // follows once nothing is in flight.
    void pause();
    // The lease this process holds on the run; every write of the run is made under it.
    void setLease(const RunLease& lease) { m_lease = lease; }

    const RunRecord& record() const { return m_record; }
    bool isAbandoned() const { return m_abandoned; }
    // The database went away: the run holds its last write (or the step it could not
    // journal) in memory, still "running" in the store, until storeIsBack().
    bool waitsForStore() const { return m_storeWait.has_value(); }
    // The held write is made (a commit that went through before the connection dropped is
    // recognised, not made twice) and the run goes on; it waits again if the store is away.
    void storeIsBack();
    // The lifecycle's transition table: whether a run in `from` may move to `to`. Finished
    // runs move only when resumed (failed, stalled); completed and cancelled are final.
    static bool canMove(RunStatus::Value from, RunStatus::Value to);
    const Json& state() const { return m_state.document(); }
    // The features of the state this object began the run with (none for a resumed run).
    const std::optional<RunFeatures>& startFeatures() const { return m_startFeatures; }
    const GraphDefinition& graph() const { return *m_setup.graph; }
    // What the store has of this run's steps and ledger, when this object drove it from its
    // start and every write went through at once; else null (resumed, or it waited for the
    // database, or a ledger entry was not written).
    const RunHistory* history() const { return m_historyKept ? &m_history : nullptr; }

signals:
    void event(const orch::RunEvent& event);
    // Every change of status, through the transition table.
    void statusChanged(orch::RunStatus::Value from, orch::RunStatus::Value to);
    void stepCommitted(const orch::StepRecord& step);
    // The run stopped moving: finished, or waiting for a human or a budget.
    void stopped(const orch::RunRecord& record);
    void paused();
    // Another process took the run over (a newer lease): this one stops driving it without
    // writing anything more.
    void abandoned(const QString& runId, const QString& reason);
    // The run waits for the database (the runner watches for it coming back).
    void storeWaiting(const QString& runId);

private:
    Result<void> begin(const QString& entry);
    void scheduleStep();
    void performStep();
    void onStepFinished(const StepOutcome& outcome);
    void acceptStep(const StepOutcome& outcome);
    Agent* agentFor(const AgentDefinition& definition, QString* error);
    void activate(const QString& agentId, const QString& from, const QString& note);
    // Follows the first edge that holds, or completes the run of a terminal agent that is done;
    // otherwise returns why nothing moved (the edges tried).
    std::optional<QString> routeByEdges(const AgentDefinition& agent, const StepOutcome& outcome);

    // The guards that keep a real model's run moving (RunGuards.cpp).
    // An agent that ended its turn without acting is told so; past the graph's nudges the
    // person is asked (at the next step).
    void nudge(const AgentDefinition& agent, const QString& why);
    // Counts each call with the same arguments and result; a warning for the model at 3.
    void countRepeats(const StepOutcome& outcome, QStringList& notices);
    void warnNearTurnLimit(const AgentDefinition& agent, QStringList& notices);
    // A question the run must put to the person before the agent's next step, if any.
    std::optional<Json> guardQuestion(const AgentDefinition& agent) const;
    void askGuard(const AgentDefinition& agent, Json question);
    // Asks, unless the same question about the same work was asked before: then the run stops
    // as failed with the question and the step it was first asked at.
    void askGuardOnce(const AgentDefinition& agent, Json question);
    Result<void> answerGuard(const QString& text);
    void countRoundTrip(const QString& from, const QString& to);
    // Why the work may not go to `target` now (it deploys, and the tests or commits are not
    // in order), or empty.
    QString gateProblem(const QString& target) const;
    // Whether this visit did its part: an agent that produces results produced one, any other
    // ran a tool (one with no tools at all works by its words).
    bool workDone(const AgentDefinition& agent) const;
    QString unfinishedWork(const AgentDefinition& agent) const;
    // Removes the agent's `produces` from the state (recorded with the next step).
    void clearWhatItProduces(const QString& agentId);
    // True (and the work held for the person) when `from` found a failure that is not the
    // code's and would send it to `to`, an agent that edits code: the person is asked next.
    bool holdForPerson(const AgentDefinition& from, const QString& to);
    // What the run learns from its failures (RunLessons.cpp): a step's failures are noted
    // (and count against a lesson given for the same failure), the code changed meanwhile
    // is noted with them, and a recovery keeps a lesson.
    // `known`: how much of the outcome's conversation the run had before the step.
    void learnFromStep(const AgentDefinition& agent, const StepOutcome& outcome, size_t known);
    // The lessons of earlier runs for the agent entering now (given once per run).
    QString lessonsFor(const AgentDefinition& agent);
    // The agent that deploys, if the graph has one.
    QString deployingAgent() const;
    // The last failure and each agent's last note, for a question to the person.
    QString evidence() const;
    // What a guard may offer besides its own options: retry the deploy, back to the architect,
    // stop.
    QStringList guardOptions(const AgentDefinition& agent, bool offerDeploy) const;
    // A fingerprint of the question with the state of the work (code, results, failure).
    std::string guardFingerprint(const Json& question) const;
    QString lastAgentText() const;
    // Records a step of the person (`outcome`), with the question and what they said.
    StepRecord humanStep(const QString& outcome, const Json& question, const QString& said) const;
    // `reported`: the cost the caller was told (a coding agent CLI's own), else priced here.
    void recordModelCall(const QString& provider, const std::string& model, const TokenUsage& usage,
                         std::optional<double> reported = {});
    // The agent of a coding_agent node, wired to the run's events and ledger (RunCoding.cpp).
    Agent* codingAgentFor(const AgentDefinition& definition, QString* error);
    // Waits for the answer to the first pending question (already in the state).
    void askNextQuestion();
    void commit(StepRecord step);
    // What a committed step leads to: the next step, or stopped()/paused().
    void afterCommit(const StepRecord& step);
    // What a run waiting for the database holds (RunStoreWait.cpp).
    struct StoreWait
    {
        std::shared_ptr<StepCommit> commit; // a step's commit that could not be written
        bool status = false;                // the stopped status could not be written
        QString reason;
    };
    void waitForStore(StoreWait held);
    // Whether the store has the held step already (its COMMIT went through unanswered).
    bool storeHasStep(int stepNo) const;
    void stop(RunStatus::Value status, const QString& reason);
    // The journal of the step about to start, with what an earlier attempt left in it.
    Result<std::shared_ptr<StepJournal>> journalFor(int step);
    // Moves to `to` if the table allows it (announcing it), with `reason` as the run's reason;
    // a move the table refuses is a bug: logged, and the status stays.
    bool moveTo(RunStatus::Value to, const QString& reason = {});
    // Before a model call: true when a budget says wait (the run is then waiting_budget).
    bool waitsForBudget();
    void saveStoppedStatus(); // writes the status with the pending events, emits stopped()
    // True (and the run abandoned) when a write failed because the lease is no longer ours.
    bool lostLease(const Result<void>& write);
    void emitEvent(EventKind::Value kind, Json payload = Json::object());

    RunSetup m_setup;
    RunRecord m_record;
    ProjectState m_state;
    RunCursor m_cursor;
    std::map<QString, std::vector<Lesson>> m_lessonCandidates; // by template (RunLessons.cpp)
    std::map<QString, QPointer<Agent>> m_agents;
    std::vector<RunEvent> m_pendingEvents; // written with the next commit
    QElapsedTimer m_stepTimer;
    QElapsedTimer m_queuedAt; // since the next step was scheduled (bench_steps --profile)
    bool m_stepInFlight = false;
    bool m_paused = false;
    bool m_abandoned = false;
    std::optional<RunLease> m_lease;
    std::shared_ptr<StepJournal> m_journal; // of the step in flight
    Json m_activationDiff = Json::array();  // what entering an agent cleared, for the next step
    bool m_journalRead = false;     // the first step of this Run read what an earlier attempt left
    double m_largestCallCost = 0;   // the estimate for the next call
    long long m_unpricedTokens = 0; // tokens of calls whose cost is unknown
    std::optional<RunFeatures> m_startFeatures;
    RunHistory m_history; // while m_historyKept
    bool m_historyKept = false;
    void forgetHistory();
    const Pricing& m_pricing;
    std::optional<StoreWait> m_storeWait;
    QElapsedTimer m_storeAwayFor;
};

} // namespace orch
