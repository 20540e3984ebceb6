#include "runtime/Run.h"

#include "agents/Agent.h"
#include "agents/StepJournal.h"
#include "api/RunEvents.h"
#include "core/Guard.h"
#include "core/Log.h"
#include "core/StepProfile.h"
#include "store/Database.h"
#include "store/RunStore.h"
#include "store/StepJournalStore.h"

#include <QDateTime>

namespace orch {
namespace {

QString outcomeName(StepOutcome::Kind kind)
{
    switch (kind) {
    case StepOutcome::Kind::Continue:
        return QStringLiteral("continue");
    case StepOutcome::Kind::Finished:
        return QStringLiteral("finished");
    case StepOutcome::Kind::Handoff:
        return QStringLiteral("handoff");
    case StepOutcome::Kind::WaitForHuman:
        return QStringLiteral("wait_for_human");
    case StepOutcome::Kind::Failed:
        return QStringLiteral("failed");
    case StepOutcome::Kind::WaitForResources:
        return QStringLiteral("wait_for_resources");
    case StepOutcome::Kind::WaitForStore:
        return QStringLiteral("wait_for_store");
    case StepOutcome::Kind::Compacted:
        return QStringLiteral("compacted");
    }
    return {};
}

} // namespace

Run::Run(RunSetup setup, QObject* parent)
    : QObject(parent), m_setup(std::move(setup)),
      m_pricing(m_setup.pricing ? *m_setup.pricing : Pricing::bundled())
{
    m_record.id = m_setup.runId;
    m_record.projectId = m_setup.projectId;
    m_record.graphId = m_setup.graphId;
}

Run::~Run()
{
    // A call paid for in a step that will never commit here (the process going down while
    // its gates run) is written now; the store outlives its runs.
    if (m_setup.store)
        (void)m_setup.store->flushLedger();
}

void Run::emitEvent(EventKind::Value kind, Json payload)
{
    const profile::Scope timed("run: events emitted");
    // Events raised while a step runs belong to that step.
    RunEvent e{m_record.id,        m_record.steps + (m_stepInFlight ? 1 : 0), m_cursor.agent, kind,
               std::move(payload), QDateTime::currentMSecsSinceEpoch()};
    m_pendingEvents.push_back(e);
    emit event(e);
}

void Run::scheduleStep()
{
    if (profile::enabled())
        m_queuedAt.start();
    QMetaObject::invokeMethod(this, &Run::performStep, Qt::QueuedConnection);
}

void Run::activate(const QString& agentId, const QString& from, const QString& note)
{
    // Written as UTF-8 throughout: the state's text goes into the message once, not through
    // UTF-16 and back.
    const Json& project = objectAt(state(), "project");
    std::string message = "Project: " + stringOr(project, "name") +
                          "\nDescription: " + stringOr(project, "description") + "\n";
    const std::string change = stringOr(objectAt(state(), "change"), "request");
    if (state().contains("repair") && !change.empty())
        message += "\nThe project is deployed, but its service fails its health checks and "
                   "restarting it did not help: " +
                   change +
                   "\nThe state's `repair` holds the evidence (the failing probes, the "
                   "service's log, the release and what changed since it last passed). Find the "
                   "cause, fix it in the code with a test that shows it, and keep the rest as it "
                   "is.\n";
    else if (!change.empty())
        message += "\nThe project exists and is deployed; the person asks for a change: " + change +
                   "\nThe project state holds its current spec, plan, repository, deployment "
                   "and last report; the code is in the workspace. Change what the request needs "
                   "and keep the rest.\n";
    if (!from.isEmpty())
        message += "\nYou take over from the " + toStd(from) + " agent.";
    if (!note.isEmpty())
        message += (from.isEmpty() ? "\nThe person's note: " : " Their note: ") + toStd(note);
    if (const AgentDefinition* entering = graph().agent(agentId))
        message += toStd(lessonsFor(*entering));
    message += "\n\nCurrent project state (JSON):\n";
    message += prettyJsonExcept(state(), "messages", 1); // without the transcripts
    countRoundTrip(from, agentId);
    if (!from.isEmpty())
        m_cursor.lastNotes[from] = note.left(1000);
    m_cursor.agent = agentId;
    m_cursor.cameFrom = from;
    m_cursor.conversation = {ChatMessage::user(std::move(message))};
    m_cursor.activationTurns = 0;
    m_cursor.acted = false;
    m_cursor.heldFor.clear();
    m_cursor.pendingQuestions.clear();
    m_cursor.nudges = 0;
    m_cursor.extraTurns = 0;
    m_cursor.turnsWarned = false;
    m_cursor.repeatedCalls.clear();
    clearWhatItProduces(agentId);
}

void Run::performStep()
{
    if (m_record.status != RunStatus::Running || m_stepInFlight || m_abandoned)
        return;
    if (profile::enabled() && m_queuedAt.isValid()) {
        profile::record("run: queued until its turn", m_queuedAt.nsecsElapsed());
        m_queuedAt.invalidate();
    }
    const profile::Scope timed("run: step started");
    if (m_paused)
        return; // stays "running" in the store: the next start resumes it here
    if (m_storeWait)
        return;
    if (m_setup.store->database().connectionLost())
        return waitForStore({nullptr, false, QStringLiteral("the database cannot be reached")});
    if (m_record.steps >= graph().maxSteps)
        return stop(RunStatus::Failed,
                    QStringLiteral("max_steps (%1) reached").arg(graph().maxSteps));
    const AgentDefinition* definition = graph().agent(m_cursor.agent);
    if (!definition)
        return stop(RunStatus::Failed,
                    QStringLiteral("agent '%1' is not in the graph").arg(m_cursor.agent));
    // Out of turns, stuck or over the run's limits: the person decides, the run does not fail.
    {
        const profile::Scope guards("run: guards and budget checked");
        if (auto question = guardQuestion(*definition))
            return askGuardOnce(*definition, std::move(*question));
        if (waitsForBudget())
            return;
    }
    QString error;
    Agent* agent = agentFor(*definition, &error);
    if (!agent)
        return stop(RunStatus::Failed, QStringLiteral("agent %1: %2").arg(definition->id, error));
    auto journal = journalFor(m_record.steps + 1);
    if (!journal)
        return stop(RunStatus::Failed, journal.error());
    m_journal = journal.value();
    m_stepInFlight = true;
    m_stepTimer.start();
    emitEvent(EventKind::StepStarted, StepStarted{m_record.steps + 1, definition->id}.toJson());
    agent->runStep(
        {m_record.id, m_setup.workspace, m_state.document(), m_cursor.conversation, m_journal});
}

Result<std::shared_ptr<StepJournal>> Run::journalFor(int step)
{
    auto journal =
        std::make_shared<StepJournal>(m_setup.store->journal(), m_record.id, step, m_lease);
    // Only the first step this object runs can have been attempted by a process before.
    if (!m_journalRead) {
        if (auto loaded = journal->load(); !loaded)
            return Error{QStringLiteral("cannot read the journal of step %1: %2")
                             .arg(step)
                             .arg(loaded.error())};
        m_journalRead = true;
    }
    return journal;
}

void Run::onStepFinished(const StepOutcome& outcome)
{
    m_stepInFlight = false;
    if (m_record.status != RunStatus::Running || m_abandoned)
        return; // cancelled while the step was in flight
    // A step's outcome carries what the model and its tools produced: whatever goes wrong
    // while it is recorded fails the run with the reason, never the process.
    if (auto recorded = guarded("graph", "recording a step", [&] { acceptStep(outcome); });
        !recorded)
        stop(RunStatus::Failed,
             QStringLiteral("agent %1: %2").arg(m_cursor.agent, recorded.error()));
}

void Run::acceptStep(const StepOutcome& outcome)
{
    const profile::Scope timed("run: step accepted (state diffed, routed)");
    const AgentDefinition& agent = *graph().agent(m_cursor.agent);
    if (outcome.kind == StepOutcome::Kind::Failed) {
        // Nothing of the failed step is kept: a resume retries it from the last checkpoint.
        return stop(RunStatus::Failed,
                    QStringLiteral("agent %1: %2").arg(agent.id, outcome.reason));
    }
    if (outcome.kind == StepOutcome::Kind::WaitForStore) {
        // Made again once the database is back, from what its journal kept.
        m_journalRead = false;
        m_journal.reset();
        return waitForStore({nullptr, false, outcome.reason});
    }
    if (outcome.kind == StepOutcome::Kind::WaitForResources) {
        // Like a failed step nothing is committed, and the journal keeps the model's reply:
        // on resume the waiting call is made again.
        const bool alreadyWaiting = m_record.status == RunStatus::WaitingResources;
        if (!moveTo(RunStatus::WaitingResources, outcome.reason))
            return;
        if (!alreadyWaiting)
            emitEvent(EventKind::ResourcesWaiting, ResourcesWaiting{outcome.reason}.toJson());
        return saveStoppedStatus();
    }
    StepRecord step;
    step.runId = m_record.id;
    step.stepNo = m_record.steps + 1;
    step.agent = agent.id;
    step.kind = agent.kind == QLatin1String("coding_agent") ? agent.kind : QStringLiteral("llm");
    step.outcome = outcomeName(outcome.kind);
    step.usage = outcome.usage;
    step.durationMs = m_stepTimer.elapsed();
    Json tools = Json::array();
    for (const auto& tool : outcome.tools)
        tools.push_back({{"name", toStd(tool.name)}, {"ok", tool.ok}, {"ms", tool.durationMs}});
    step.detail = {{"provider", toStd(outcome.provider)},
                   {"model", outcome.model},
                   {"attempts", outcome.attempts},
                   {"tools", std::move(tools)},
                   {"text", toStd(outcome.text.left(2000))}};
    Json update = outcome.stateUpdate;
    if (outcome.kind == StepOutcome::Kind::WaitForHuman && !outcome.questions.empty())
        update["question"] = outcome.questions.front().question; // shown first; the rest queue
    step.diff = m_state.apply(update);

    m_record.steps = step.stepNo;
    m_record.promptTokens += outcome.usage.prompt;
    m_record.completionTokens += outcome.usage.completion;
    const size_t known = m_cursor.conversation.size();
    m_cursor.conversation = outcome.conversation;
    m_cursor.workMs += step.durationMs;
    if (outcome.kind == StepOutcome::Kind::Compacted) {
        // The timeline shows it as its own step; it takes none of the agent's turns.
        step.kind = QStringLiteral("compaction");
        step.detail["messages_after"] = m_cursor.conversation.size();
        return commit(std::move(step));
    }
    learnFromStep(agent, outcome, known);
    m_cursor.agentSteps[agent.id] += 1;
    m_cursor.activationTurns += 1;
    // Routing is not work: an agent that only handed off (and was held back) has not acted.
    for (const auto& tool : outcome.tools)
        if (tool.ran && tool.name != QLatin1String("handoff"))
            m_cursor.acted = true;

    QStringList notices; // for the model, after this step's results
    switch (outcome.kind) {
    case StepOutcome::Kind::Continue:
        m_cursor.nudges = 0;
        countRepeats(outcome, notices);
        warnNearTurnLimit(agent, notices);
        break;
    case StepOutcome::Kind::WaitForHuman:
        m_cursor.nudges = 0;
        m_cursor.pendingQuestions = outcome.questions;
        askNextQuestion();
        break;
    case StepOutcome::Kind::Handoff: {
        if (const QString problem = gateProblem(outcome.handoffTo); !problem.isEmpty()) {
            // The agent stays; it is told what must be true first.
            notices << QStringLiteral("Your handoff to %1 was not taken: %2.")
                           .arg(outcome.handoffTo, problem);
            for (Json& change : m_state.apply({{"handoff_note", nullptr}}))
                step.diff.push_back(std::move(change));
            emitEvent(EventKind::Warning,
                      {{"reason", toStd(QStringLiteral("%1 → %2 held back: %3")
                                            .arg(agent.id, outcome.handoffTo, problem))}});
            break;
        }
        if (holdForPerson(agent, outcome.handoffTo)) {
            for (Json& change : m_state.apply({{"handoff_note", nullptr}}))
                step.diff.push_back(std::move(change));
            break;
        }
        step.detail["next"] = toStd(outcome.handoffTo);
        emitEvent(EventKind::Handoff, AgentHandoff{agent.id, outcome.handoffTo, {}}.toJson());
        // A note is read once: the next handover without one does not repeat it.
        const QString note = toQ(stringOr(state(), "handoff_note"));
        for (Json& change : m_state.apply({{"handoff_note", nullptr}}))
            step.diff.push_back(std::move(change));
        activate(outcome.handoffTo, agent.id, note);
        break;
    }
    case StepOutcome::Kind::Finished:
        // Words are not work: the ways forward are tried only once this visit did something.
        if (!outcome.declaredDone && !workDone(agent))
            nudge(agent, unfinishedWork(agent));
        else if (auto stuck = routeByEdges(agent, outcome))
            nudge(agent, *stuck);
        break;
    case StepOutcome::Kind::Failed:
    case StepOutcome::Kind::WaitForResources:
    case StepOutcome::Kind::WaitForStore:
    case StepOutcome::Kind::Compacted:
        break;
    }
    if (!notices.isEmpty() && m_cursor.agent == agent.id && m_cursor.pendingQuestions.empty())
        m_cursor.conversation.push_back(ChatMessage::user(toStd(notices.join(QLatin1Char('\n')))));
    if (m_record.status == RunStatus::Running || m_cursor.agent != agent.id)
        step.detail["next"] = toStd(m_cursor.agent);

    commit(std::move(step));
}

void Run::commit(StepRecord step)
{
    for (Json& change : m_activationDiff)
        step.diff.push_back(std::move(change));
    m_activationDiff = Json::array();
    m_record.currentAgent = m_cursor.agent;
    emitEvent(EventKind::StepFinished,
              jsonObject("step", step.stepNo, "agent", toStd(step.agent), "kind", toStd(step.kind),
                         "outcome", toStd(step.outcome), "detail", step.detail, "prompt_tokens",
                         step.usage.prompt, "completion_tokens", step.usage.completion,
                         "duration_ms", step.durationMs));
    if (RunStatus::isFinished(m_record.status))
        emitEvent(EventKind::RunFinished, RunFinished{m_record.status, m_record.reason}.toJson());
    StepCommit commit{step,
                      {m_record.id, step.stepNo, Json(), m_cursor.toJson(), &m_state.document()},
                      m_record,
                      {},
                      std::move(m_pendingEvents),
                      m_lease, // the ledger row went in as the reply came
                      m_journal && m_journal->touched(),
                      m_setup.readBudget};
    m_journal.reset();
    m_pendingEvents.clear();
    Result<void> saved;
    {
        const profile::Scope stored("store: step committed");
        saved = m_setup.store->commitStepTakingState(commit); // spent once stored
    }
    if (!saved) {
        if (lostLease(saved))
            return;
        if (saved.code() == ErrorCode::Unavailable)
            return waitForStore(
                {std::make_shared<StepCommit>(std::move(commit)), false, saved.error()});
        log::get("store")->error("run {}: step {} not saved: {}", m_record.id, step.stepNo,
                                 saved.error());
        m_record.steps -= 1;
        return stop(RunStatus::Failed,
                    QStringLiteral("cannot save step %1: %2").arg(step.stepNo).arg(saved.error()));
    }
    afterCommit(step);
}

void Run::afterCommit(const StepRecord& step)
{
    if (m_historyKept) { // as a report reads it: no diff, of its detail only the tools
        StepRecord kept{step.runId, step.stepNo, step.agent,      step.kind, step.outcome,
                        Json(),     step.usage,  step.durationMs, Json(),    step.createdAt};
        if (auto tools = step.detail.find("tools"); tools != step.detail.end() && !tools->empty())
            kept.detail = {{"tools", *tools}};
        m_history.steps.push_back(std::move(kept));
    }
    if (profile::enabled())
        profile::record("step: whole, as the run sees it", m_stepTimer.nsecsElapsed());
    emit stepCommitted(step);
    if (m_record.status != RunStatus::Running)
        emit stopped(m_record);
    else if (m_paused)
        emit paused();
    else
        scheduleStep();
}

void Run::forgetHistory()
{
    m_historyKept = false;
    m_history = {};
}

} // namespace orch
