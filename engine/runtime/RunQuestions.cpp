// A run waiting for the person: questions asked in one step queue, the first is shown, and
// each answer becomes the result of its own tool call; the run goes on once all are in. The
// run's own (guard) questions are asked once about the same work.
#include "runtime/AnswerWords.h"
#include "runtime/Run.h"
#include "store/RunStore.h"

#include <QCryptographicHash>

namespace orch {

void Run::askGuardOnce(const AgentDefinition& agent, Json question)
{
    // The same question about the same work again: answering it changed nothing, and asking
    // once more would not either.
    const std::string print = guardFingerprint(question);
    if (const auto asked = m_cursor.askedGuards.find(print); asked != m_cursor.askedGuards.end())
        return stop(RunStatus::Failed,
                    QStringLiteral("stuck: the person was asked this at step %1 and nothing has "
                                   "changed since (same code, results and failure): %2")
                        .arg(asked->second)
                        .arg(toQ(stringOr(question, "text")).left(1500)));
    m_cursor.askedGuards[print] = m_record.steps + 1;
    askGuard(agent, std::move(question));
}

void Run::askGuard(const AgentDefinition& agent, Json question)
{
    question["agent"] = toStd(agent.id);
    m_cursor.pendingQuestions = {PendingQuestion{{}, {}, question}};
    StepRecord step;
    step.runId = m_record.id;
    step.stepNo = m_record.steps + 1;
    step.agent = agent.id;
    step.kind = QStringLiteral("guard");
    step.outcome = QStringLiteral("asked");
    step.detail = {{"question", question}};
    step.diff = m_state.apply({{"question", question}});
    m_record.steps = step.stepNo;
    askNextQuestion();
    commit(std::move(step));
}

std::string Run::guardFingerprint(const Json& question) const
{
    // What would make the same question worth asking again: other code, other results, another
    // failure. Counts and wording are left out.
    const Json& s = state();
    const Json work = {{"kind", member(question, "kind")},
                       {"agent", toStd(m_cursor.agent)},
                       {"held_for", toStd(m_cursor.heldFor)},
                       {"commit", member(objectAt(s, "repo"), "last_commit")},
                       {"tests", member(objectAt(s, "tests"), "passed")},
                       {"deployed", member(objectAt(s, "deployment"), "version")},
                       {"healthy", member(objectAt(s, "deployment"), "healthy")},
                       {"probes", member(objectAt(s, "probes"), "passed")},
                       {"failure", member(objectAt(s, "failure"), "reason")},
                       {"spec", member(s, "spec")},
                       {"plan", member(s, "plan")}};
    return QCryptographicHash::hash(toBytes(work), QCryptographicHash::Sha1)
        .toHex()
        .left(16)
        .toStdString();
}

void Run::askNextQuestion()
{
    const Json question = member(state(), "question");
    moveTo(RunStatus::WaitingHuman, toQ(stringOr(question, "text")).left(2000));
    Json payload = question.is_object() ? question : Json::object();
    payload["queued"] = m_cursor.pendingQuestions.size() - 1;
    emitEvent(EventKind::QuestionAsked, std::move(payload));
}

Result<void> Run::answer(const QString& text)
{
    if (m_record.status != RunStatus::WaitingHuman)
        return Error{QStringLiteral("run %1 is not waiting for an answer (status %2)")
                         .arg(m_record.id, RunStatus::name(m_record.status)),
                     ErrorCode::Conflict};
    if (m_cursor.pendingQuestions.empty())
        return Error{
            QStringLiteral("run %1 is waiting, but no question is pending").arg(m_record.id)};
    if (m_cursor.pendingQuestions.front().toolCallId.empty())
        return answerGuard(text); // the run's own question, not an agent's tool call
    const Json question = member(state(), "question");
    // A secret the person sent goes to the vault before anything else sees it; what the
    // conversation, the state, the step and the events get is where it went.
    QString shown = text;
    Json resources = objectAt(state(), "resources");
    if (stringOr(question, "kind") == "secret") {
        const QString handle = toQ(stringOr(question, "handle"));
        const QString env = toQ(stringOr(question, "env"));
        const QByteArray value = text.trimmed().toUtf8();
        if (value.isEmpty())
            return Error{QStringLiteral("the secret is empty; send its value"), ErrorCode::Invalid};
        if (!m_setup.keepSecret)
            return Error{QStringLiteral("this engine keeps no secrets"), ErrorCode::Unavailable};
        if (auto kept = m_setup.keepSecret(m_setup.projectId, handle, value); !kept)
            return Error{QStringLiteral("the secret was not stored: %1").arg(kept.error()),
                         kept.code()};
        shown = QStringLiteral("(the secret, stored as %1 and attached as %2)").arg(handle, env);
        resources["env"][toStd(env)] = toStd(handle);
    }
    const PendingQuestion answered = m_cursor.pendingQuestions.front();
    m_cursor.pendingQuestions.erase(m_cursor.pendingQuestions.begin());
    m_cursor.conversation.push_back({ChatMessage::Role::Tool,
                                     dumpJson(Json{{"answer", toStd(shown)}}),
                                     {},
                                     answered.toolCallId,
                                     answered.toolName});
    StepRecord step = humanStep(QStringLiteral("answered"), question, shown);
    // The next queued question, if any, is shown now; the run goes on once all are answered.
    const Json next = m_cursor.pendingQuestions.empty()
                          ? Json(nullptr)
                          : m_cursor.pendingQuestions.front().question;
    Json update = {{"question", next},
                   {"messages", Json::array({{{"agent", "human"}, {"content", toStd(shown)}}})}};
    if (stringOr(question, "kind") == "secret")
        update["resources"] = resources;
    // An approval is recorded by code, not left to the model's reading of the answer.
    if (stringOr(question, "kind") == "approval") {
        Json approvals = objectAt(state(), "approvals");
        // Typed answers count too: "yes", "да, давай", "ok 👍"; anything else is a refusal
        // that the agent reads, and a later approval overrides it.
        approvals[stringOr(question, "action")] = answers::yesOrNo(text) == answers::Verdict::Yes;
        update["approvals"] = approvals;
    }
    step.diff = m_state.apply(update);
    m_record.steps = step.stepNo;
    moveTo(RunStatus::Running);
    emitEvent(EventKind::QuestionAnswered, {{"answer", toStd(shown)}});
    if (!m_cursor.pendingQuestions.empty())
        askNextQuestion();
    commit(std::move(step));
    return {};
}

} // namespace orch
