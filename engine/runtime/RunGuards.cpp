// The guards that keep a run moving with a real model, whose replies are sloppier than a
// recording: an agent that talks instead of acting is nudged, one that repeats itself is
// warned, and when that does not help (or an agent runs out of turns, two agents keep
// handing the work back, or the run reaches its token or time limit) the person is asked
// what to do instead of the run failing. Each answer revives the run.
#include "api/RunEvents.h"
#include "runtime/AnswerWords.h"
#include "runtime/ModelRouter.h"
#include "runtime/Run.h"
#include "tools/DeployGate.h"

#include <QCryptographicHash>
#include <set>

namespace orch {
namespace {

constexpr int kRepeatWarning = 3;  // the same call with the same result: the model is told
constexpr int kRepeatQuestion = 5; // … and at this count the person is asked

QString pairKey(const QString& a, const QString& b)
{
    return a < b ? a + QLatin1Char('|') + b : b + QLatin1Char('|') + a;
}

std::string fingerprint(const ToolCall& call, const std::string& result)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(QByteArray::fromStdString(call.name));
    hash.addData(QByteArrayView("\n"));
    hash.addData(QByteArray::fromStdString(call.arguments));
    hash.addData(QByteArrayView("\n"));
    hash.addData(QByteArray::fromStdString(result));
    return hash.result().toHex().left(16).toStdString();
}

Json guard(const char* kind, const QString& text, const QStringList& options)
{
    Json question = {{"kind", kind}, {"text", toStd(text)}, {"options", Json::array()}};
    for (const QString& option : options)
        question["options"].push_back(toStd(option));
    return question;
}

// Where "back to …" sends the work: the architect when the graph has one, else the entry.
QString backTarget(const GraphDefinition& graph, const QString& current)
{
    for (const QString& candidate : {QStringLiteral("architect"), graph.entry})
        if (candidate != current && graph.agent(candidate))
            return candidate;
    return {};
}

} // namespace

QString Run::lastAgentText() const
{
    for (auto it = m_cursor.conversation.rbegin(); it != m_cursor.conversation.rend(); ++it)
        if (it->role == ChatMessage::Role::Assistant && !it->content.empty())
            return toQ(it->content).left(600);
    return {};
}

void Run::nudge(const AgentDefinition& agent, const QString& why)
{
    m_cursor.nudges += 1;
    if (m_cursor.nudges > graph().nudges)
        return; // the next step asks the person
    QString text = QStringLiteral("You ended your turn without calling a tool, so nothing was "
                                  "done. %1\nAct now with a tool call: do the next piece of work")
                       .arg(why);
    if (!agent.handoffs.isEmpty())
        text += QStringLiteral(", hand off with `handoff` (to %1) when your part is done")
                    .arg(agent.handoffs.join(QStringLiteral(", ")));
    if (agent.terminal && agent.tools.contains(QStringLiteral("finish")))
        text += QStringLiteral(", call `finish` with a summary when everything is done");
    if (agent.tools.contains(QStringLiteral("ask_human")))
        text += QStringLiteral(", or ask the person with `ask_human` if you are blocked");
    text += QLatin1Char('.');
    m_cursor.conversation.push_back(ChatMessage::user(toStd(text)));
    emitEvent(
        EventKind::Warning,
        {{"reason", toStd(QStringLiteral("%1 ended its turn without acting; nudged (%2 of %3)")
                              .arg(agent.id)
                              .arg(m_cursor.nudges)
                              .arg(graph().nudges))}});
}

void Run::countRepeats(const StepOutcome& outcome, QStringList& notices)
{
    // The step's calls are those of its assistant message; their results follow it.
    const auto& messages = outcome.conversation;
    auto assistant = std::find_if(messages.rbegin(), messages.rend(), [](const ChatMessage& m) {
        return m.role == ChatMessage::Role::Assistant;
    });
    if (assistant == messages.rend())
        return;
    std::set<std::string>
        thisStep; // a call repeated within one reply counts once: loops span turns
    for (auto it = assistant.base(); it != messages.end(); ++it) {
        if (it->role != ChatMessage::Role::Tool)
            continue;
        auto call = std::find_if(assistant->toolCalls.begin(), assistant->toolCalls.end(),
                                 [&](const ToolCall& c) { return c.id == it->toolCallId; });
        if (call == assistant->toolCalls.end() || call->name == "handoff")
            continue;
        const std::string print = fingerprint(*call, it->content);
        if (!thisStep.insert(print).second)
            continue;
        const int seen = ++m_cursor.repeatedCalls[print];
        if (seen == kRepeatWarning)
            notices << QStringLiteral(
                           "You have called %1 with the same arguments %2 times and got the "
                           "same result each time. Repeating it will not change the result: "
                           "read the result, then try something different.")
                           .arg(toQ(call->name.substr(0, 64)))
                           .arg(seen);
    }
    // Bounded in the checkpoint: calls seen once are forgotten first.
    if (m_cursor.repeatedCalls.size() > 1000)
        std::erase_if(m_cursor.repeatedCalls, [](const auto& entry) { return entry.second < 2; });
}

void Run::warnNearTurnLimit(const AgentDefinition& agent, QStringList& notices)
{
    const int limit = agent.maxTurns + m_cursor.extraTurns;
    const int warnAt = limit * 8 / 10;
    if (m_cursor.turnsWarned || warnAt < 1 || warnAt >= limit || m_cursor.activationTurns < warnAt)
        return;
    m_cursor.turnsWarned = true;
    notices << QStringLiteral("You have used %1 of your %2 turns. Finish the essential work now "
                              "and hand it on; leave refinements out.")
                   .arg(m_cursor.activationTurns)
                   .arg(limit);
}

std::optional<Json> Run::guardQuestion(const AgentDefinition& agent) const
{
    const LlmSettings& limits = m_setup.models->settings();
    const long long tokens = m_record.promptTokens + m_record.completionTokens;
    if (limits.runTokens > 0 && tokens >= limits.runTokens + m_cursor.tokenAllowance)
        return guard("run_limit",
                     QStringLiteral("This run has used %1 tokens, its limit. Let it go on for "
                                    "another %2, or stop it?")
                         .arg(tokens)
                         .arg(limits.runTokens),
                     {QStringLiteral("continue"), QStringLiteral("stop")});
    const qint64 minutes = m_cursor.workMs / 60000;
    if (limits.runMinutes > 0 && minutes >= limits.runMinutes + m_cursor.minutesAllowance)
        return guard("run_limit",
                     QStringLiteral("This run has worked for %1 minutes, its limit. Let it go on "
                                    "for another %2, or stop it?")
                         .arg(minutes)
                         .arg(limits.runMinutes),
                     {QStringLiteral("continue"), QStringLiteral("stop")});
    if (!m_cursor.heldFor.isEmpty()) {
        const Json& failure = objectAt(state(), "failure");
        const bool persons = stringOr(failure, "class") == "person";
        return guard("failure",
                     QStringLiteral("%1 could not go on: %2\n%3 so I did not send it to %4, who "
                                    "can only change the code. Answer \"retry\" once it is "
                                    "dealt with, tell %1 what to do, or \"stop\".")
                         .arg(agent.id, toQ(stringOr(failure, "reason")).left(1500),
                              persons ? QStringLiteral("Only you can settle this,")
                                      : QStringLiteral("This is a problem of the machine or a "
                                                       "service it needs, not of the code,"),
                              m_cursor.heldFor),
                     {QStringLiteral("retry"), QStringLiteral("stop")});
    }
    const int turnLimit = agent.maxTurns + m_cursor.extraTurns;
    if (m_cursor.activationTurns >= turnLimit) {
        QStringList options = {QStringLiteral("more turns")};
        if (const QString back = backTarget(graph(), agent.id); !back.isEmpty())
            options << QStringLiteral("back to %1").arg(back);
        options << QStringLiteral("stop");
        return guard("turn_limit",
                     QStringLiteral("Agent %1 used all %2 of its turns without finishing. Its "
                                    "last words: «%3». Give it %4 more turns, send the work "
                                    "back, or stop the run? You can also tell it what to do.")
                         .arg(agent.id, QString::number(turnLimit), lastAgentText(),
                              QString::number(agent.maxTurns)),
                     options);
    }
    if (auto trips = m_cursor.roundTrips.find(pairKey(m_cursor.cameFrom, agent.id));
        !m_cursor.cameFrom.isEmpty() && trips != m_cursor.roundTrips.end() &&
        trips->second > graph().roundTrips) {
        const QString deployer = deployingAgent();
        return guard("round_trips",
                     QStringLiteral("Agents %1 and %2 have handed the work back and forth %3 "
                                    "times without getting further.%4\nWhat should happen "
                                    "now? Choose an option, or tell %2 what to do.")
                         .arg(m_cursor.cameFrom, agent.id)
                         .arg(trips->second)
                         .arg(evidence()),
                     guardOptions(agent, !deployer.isEmpty() && (deployer == agent.id ||
                                                                 deployer == m_cursor.cameFrom)));
    }
    if (m_cursor.nudges > graph().nudges)
        return guard("stalled",
                     QStringLiteral("Agent %1 keeps ending its turn without doing anything. Its "
                                    "last words: «%2».%3\nChoose an option, or tell it what to "
                                    "do.")
                         .arg(agent.id, lastAgentText(), evidence()),
                     guardOptions(agent, agent.id == deployingAgent()));
    for (const auto& [print, count] : m_cursor.repeatedCalls)
        if (count >= kRepeatQuestion)
            return guard("loop",
                         QStringLiteral("Agent %1 repeated the same call %2 times with the "
                                        "same result; it seems stuck. Its last words: «%3».%4\n"
                                        "Choose an option, or tell it what to do.")
                             .arg(agent.id)
                             .arg(count)
                             .arg(lastAgentText(), evidence()),
                         guardOptions(agent, agent.id == deployingAgent()));
    return std::nullopt;
}

QStringList Run::guardOptions(const AgentDefinition& agent, bool offerDeploy) const
{
    QStringList options;
    if (offerDeploy)
        options << QStringLiteral("retry the deploy");
    if (const QString back = backTarget(graph(), agent.id); !back.isEmpty())
        options << QStringLiteral("back to %1").arg(back);
    options << QStringLiteral("stop");
    return options;
}

void Run::countRoundTrip(const QString& from, const QString& to)
{
    // A hand-back: the agent handing over got its work from the one it hands to.
    if (!from.isEmpty() && m_cursor.cameFrom == to)
        m_cursor.roundTrips[pairKey(from, to)] += 1;
}

QString Run::gateProblem(const QString& target) const
{
    const AgentDefinition* agent = graph().agent(target);
    if (!agent || !agent->tools.contains(QStringLiteral("deploy")))
        return {};
    return gate::deployProblem(m_setup.workspace, state());
}

StepRecord Run::humanStep(const QString& outcome, const Json& question, const QString& said) const
{
    StepRecord step;
    step.runId = m_record.id;
    step.stepNo = m_record.steps + 1;
    step.agent = m_cursor.agent;
    step.kind = QStringLiteral("human");
    step.outcome = outcome;
    step.detail = {{"question", question}, {"answer", toStd(said)}};
    return step;
}

Result<void> Run::answerGuard(const QString& text)
{
    const Json question = m_cursor.pendingQuestions.front().question;
    m_cursor.pendingQuestions.clear();
    const QString kind = toQ(stringOr(question, "kind"));
    QStringList options;
    for (const Json& option : arrayAt(question, "options"))
        if (option.is_string())
            options << toQ(option);
    const QString chosen = answers::chosenOption(text, options);
    const bool yes = answers::yesOrNo(text) == answers::Verdict::Yes;
    StepRecord step = humanStep(QStringLiteral("answered"), question, text);
    const Json update = {
        {"question", nullptr},
        {"messages", Json::array({{{"agent", "human"}, {"content", toStd(text.left(4000))}}})}};
    if (chosen == QLatin1String("stop") || (chosen.isEmpty() && answers::meansStop(text))) {
        step.diff = m_state.apply(update);
        m_record.steps = step.stepNo;
        emitEvent(EventKind::QuestionAnswered, {{"answer", toStd(text)}});
        moveTo(RunStatus::Cancelled,
               QStringLiteral("stopped by the person: %1").arg(toQ(stringOr(question, "text"))));
        commit(std::move(step));
        return {};
    }
    const AgentDefinition* agent = graph().agent(m_cursor.agent);
    // An answer that is not one of the options (nor a plain yes) is the person's instruction.
    const QString guidance = chosen.isEmpty() && !yes ? text.trimmed().left(4000) : QString();
    bool sentBack = false;
    QString said; // what the agent is told, unless the work was sent elsewhere
    if (kind == QLatin1String("round_trips")) // whatever the person chose, the count starts anew
        m_cursor.roundTrips.erase(pairKey(m_cursor.cameFrom, m_cursor.agent));
    if (chosen == QLatin1String("retry the deploy") && !deployingAgent().isEmpty()) {
        activate(deployingAgent(), {},
                 QStringLiteral("The person asks you to deploy the committed code again and "
                                "check it.%1")
                     .arg(evidence()));
        sentBack = true;
    } else if (chosen.startsWith(QLatin1String("back to ")) && graph().agent(chosen.mid(8))) {
        const QString from = m_cursor.agent;
        activate(chosen.mid(8), {},
                 QStringLiteral("The person sent the work back to you: %1 could not get further "
                                "(%2). Its last words: «%3».%4")
                     .arg(from, kind, lastAgentText(), evidence()));
        sentBack = true;
    } else if (kind == QLatin1String("turn_limit")) {
        if (agent) {
            m_cursor.extraTurns += agent->maxTurns;
            m_cursor.turnsWarned = false;
        }
    } else if (kind == QLatin1String("run_limit")) {
        m_cursor.tokenAllowance += m_setup.models->settings().runTokens;
        m_cursor.minutesAllowance += m_setup.models->settings().runMinutes;
    } else if (kind == QLatin1String("loop")) {
        m_cursor.repeatedCalls.clear();
    } else if (kind == QLatin1String("failure")) {
        m_cursor.heldFor.clear();
        if (guidance.isEmpty())
            said = QStringLiteral("The person has dealt with the failure and asks you to try "
                                  "again (for example deploy again): %1")
                       .arg(toQ(stringOr(objectAt(state(), "failure"), "reason")).left(600));
    }
    m_cursor.nudges = 0;
    if (!sentBack) {
        if (!guidance.isEmpty())
            said = QStringLiteral("The person says: %1").arg(guidance);
        else if (said.isEmpty())
            said = QStringLiteral("The person asks you to go on. Continue your work with a "
                                  "tool call.");
        m_cursor.conversation.push_back(ChatMessage::user(toStd(said)));
    }
    step.diff = m_state.apply(update);
    m_record.steps = step.stepNo;
    moveTo(RunStatus::Running);
    emitEvent(EventKind::QuestionAnswered, {{"answer", toStd(text)}});
    commit(std::move(step));
    return {};
}

Result<void> Run::revive(const QString& text)
{
    if (m_record.status != RunStatus::Running)
        return Error{QStringLiteral("run %1 is %2; only a resumed run can be given guidance")
                         .arg(m_record.id, RunStatus::name(m_record.status)),
                     ErrorCode::Conflict};
    const QString guidance = text.trimmed().left(4000);
    if (guidance.isEmpty())
        return Error{QStringLiteral("the answer is empty"), ErrorCode::Invalid};
    m_cursor.nudges = 0;
    m_cursor.conversation.push_back(
        ChatMessage::user(toStd(QStringLiteral("The person says: %1").arg(guidance))));
    StepRecord step = humanStep(QStringLiteral("revived"), Json(), guidance);
    step.diff = m_state.apply(
        {{"messages", Json::array({{{"agent", "human"}, {"content", toStd(guidance)}}})}});
    m_record.steps = step.stepNo;
    emitEvent(EventKind::QuestionAnswered, {{"answer", toStd(guidance)}});
    commit(std::move(step));
    return {};
}

} // namespace orch
