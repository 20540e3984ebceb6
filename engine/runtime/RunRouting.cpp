// When the work may move on and where it may go: an agent moves the run only once it did its
// part in this visit (words alone never do), and a failure that is not the code's goes to
// the person, never to the agent that edits code.
#include "api/RunEvents.h"
#include "graph/Condition.h"
#include "runtime/FailureMemory.h"
#include "runtime/Run.h"

namespace orch {
bool Run::workDone(const AgentDefinition& agent) const
{
    if (agent.tools.isEmpty() && agent.handoffs.isEmpty())
        return true;
    if (agent.produces.isEmpty())
        return m_cursor.acted;
    for (const QString& path : agent.produces)
        if (!valueAtPath(state(), path).is_null())
            return true;
    // A failure it found in this visit is what it produced (a deploy refused before anything
    // was installed leaves no deployment to read).
    return m_cursor.acted && stringOr(objectAt(state(), "failure"), "agent") == toStd(agent.id);
}

void Run::clearWhatItProduces(const QString& agentId)
{
    // What the agent is there to produce starts empty: an edge reads this visit's result.
    if (const AgentDefinition* target = graph().agent(agentId))
        for (const QString& path : target->produces)
            for (Json& change : m_state.clear(path))
                m_activationDiff.push_back(std::move(change));
}

QString Run::unfinishedWork(const AgentDefinition& agent) const
{
    if (agent.produces.isEmpty())
        return QStringLiteral("Your work is not done: you have not done anything in this turn "
                              "yet. Your instructions say what your part is and when it is "
                              "done.");
    return QStringLiteral("Your work is not done: nothing you did in this turn has produced %1 "
                          "yet, and the work moves on only from what you produce now (an "
                          "earlier round's result does not count). Your instructions say what "
                          "your part is and when it is done.")
        .arg(agent.produces.join(QStringLiteral(" or ")));
}

bool Run::holdForPerson(const AgentDefinition& from, const QString& to)
{
    const Json& failure = objectAt(state(), "failure");
    const std::string failureClass = stringOr(failure, "class");
    const AgentDefinition* target = graph().agent(to);
    if (failureClass.empty() || failureClass == "code" ||
        stringOr(failure, "agent") != toStd(from.id) || !target ||
        !failureMemory::editsCode(*target))
        return false;
    m_cursor.heldFor = to;
    emitEvent(EventKind::Warning,
              {{"reason", toStd(QStringLiteral("%1 → %2 held for the person: the failure is "
                                               "the %3's, not the code's: %4")
                                    .arg(from.id, to, toQ(failureClass),
                                         toQ(stringOr(failure, "reason")).left(300)))}});
    return true;
}

QString Run::deployingAgent() const
{
    for (const AgentDefinition& agent : graph().agents)
        if (agent.tools.contains(QStringLiteral("deploy")))
            return agent.id;
    return {};
}

QString Run::evidence() const
{
    QString text;
    if (const Json& failure = objectAt(state(), "failure"); !failure.empty())
        text +=
            QStringLiteral("\nLast failure (%1, found by %2's %3): %4")
                .arg(toQ(stringOr(failure, "class")), toQ(stringOr(failure, "agent")),
                     toQ(stringOr(failure, "tool")), toQ(stringOr(failure, "reason")).left(1200));
    for (const auto& [agent, note] : m_cursor.lastNotes)
        if (!note.trimmed().isEmpty())
            text += QStringLiteral("\n%1's last note: «%2»").arg(agent, note.left(800));
    return text;
}

std::optional<QString> Run::routeByEdges(const AgentDefinition& agent, const StepOutcome& outcome)
{
    QStringList tried;
    for (const EdgeDefinition& edge : graph().edges) {
        if (edge.from != agent.id)
            continue;
        if (edge.when.holds(state())) {
            if (holdForPerson(agent, edge.to))
                return std::nullopt; // the person is asked before the next step
            if (const QString problem = gateProblem(edge.to); !problem.isEmpty()) {
                tried << QStringLiteral("%1 (held back: %2)").arg(edge.to, problem);
                continue;
            }
            emitEvent(EventKind::Edge, AgentHandoff{agent.id, edge.to, edge.when.text()}.toJson());
            // What the agent said last is its note to the next one (a diagnosis, a failure).
            activate(edge.to, agent.id, outcome.text.left(4000));
            return std::nullopt;
        }
        tried << QStringLiteral("%1 (when %2)").arg(edge.to, edge.when.text());
    }
    // A terminal agent that has `finish` is done when it says so, not when it stops talking.
    if (agent.terminal &&
        (outcome.declaredDone || !agent.tools.contains(QStringLiteral("finish")))) {
        moveTo(RunStatus::Completed);
        return std::nullopt;
    }
    if (agent.terminal)
        return QStringLiteral("Your work is done only when you call `finish`.");
    return tried.isEmpty()
               ? QStringLiteral("Your work is not done: you have no way forward but a handoff.")
               : QStringLiteral("Your work is not done: none of the ways forward holds yet (%1).")
                     .arg(tried.join(QStringLiteral(", ")));
}

} // namespace orch
