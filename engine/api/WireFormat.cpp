#include "api/WireFormat.h"

#include "api/WireFields.h"

namespace orch::wire {
using namespace fields;

Json toJson(const ProjectRecord& p)
{
    return {{"id", toStd(p.id)},
            {"name", toStd(p.name)},
            {"description", toStd(p.description)},
            {"workspace", toStd(p.workspace)},
            {"created_at", p.createdAt}};
}

Result<ProjectRecord> projectFrom(const Json& json)
{
    Fields f(json);
    ProjectRecord p{f.text("id"), f.text("name"), f.text("description"), f.text("workspace"),
                    f.integer("created_at")};
    return finish(f, p);
}

Json toJson(const RunRecord& r)
{
    return {{"id", toStd(r.id)},
            {"project_id", toStd(r.projectId)},
            {"graph_id", r.graphId},
            {"status", toStd(RunStatus::name(r.status))},
            {"reason", toStd(r.reason)},
            {"current_agent", toStd(r.currentAgent)},
            {"steps", r.steps},
            {"prompt_tokens", r.promptTokens},
            {"completion_tokens", r.completionTokens},
            {"created_at", r.createdAt},
            {"updated_at", r.updatedAt}};
}

Result<RunRecord> runFrom(const Json& json)
{
    Fields f(json);
    RunRecord r;
    r.id = f.text("id");
    r.projectId = f.text("project_id");
    r.graphId = f.integer("graph_id");
    const QString status = f.text("status");
    if (auto known = RunStatus::fromName(status))
        r.status = *known;
    else if (f.problem().isEmpty())
        return Error{QStringLiteral("\"status\" is not a run status: %1").arg(status.left(40))};
    r.reason = f.text("reason");
    r.currentAgent = f.text("current_agent");
    r.steps = int(f.integer("steps"));
    r.promptTokens = f.integer("prompt_tokens");
    r.completionTokens = f.integer("completion_tokens");
    r.createdAt = f.integer("created_at");
    r.updatedAt = f.integer("updated_at");
    return finish(f, r);
}

Json toJson(const StepRecord& s)
{
    Json json = {{"run_id", toStd(s.runId)},    {"step", s.stepNo},
                 {"agent", toStd(s.agent)},     {"kind", toStd(s.kind)},
                 {"outcome", toStd(s.outcome)}, {"detail", s.detail},
                 {"duration_ms", s.durationMs}, {"diff", s.diff},
                 {"created_at", s.createdAt}};
    json.update(usage(s.usage));
    return json;
}

Result<StepRecord> stepFrom(const Json& json)
{
    Fields f(json);
    StepRecord s;
    s.runId = f.text("run_id");
    s.stepNo = int(f.integer("step"));
    s.agent = f.text("agent");
    s.kind = f.text("kind");
    s.outcome = f.text("outcome");
    s.detail = f.any("detail");
    s.usage = usageFrom(f);
    s.durationMs = f.integer("duration_ms");
    s.diff = f.any("diff");
    s.createdAt = f.integer("created_at");
    return finish(f, s);
}

Json toJson(const Checkpoint& c)
{
    return {{"run_id", toStd(c.runId)},
            {"step", c.stepNo},
            {"state", c.stateToWrite()},
            {"cursor", c.cursor}};
}

Result<Checkpoint> checkpointFrom(const Json& json)
{
    Fields f(json);
    Checkpoint c{f.text("run_id"), int(f.integer("step")), f.any("state"), f.any("cursor")};
    return finish(f, c);
}

Json toJson(const RunEvent& e)
{
    return {{"run_id", toStd(e.runId)},
            {"step", e.stepNo},
            {"agent", toStd(e.agent)},
            {"kind", toStd(EventKind::name(e.kind))},
            {"payload", e.payload},
            {"at", e.at},
            {"id", e.id}};
}

Result<RunEvent> eventFrom(const Json& json)
{
    Fields f(json);
    RunEvent e{f.text("run_id"),
               int(f.integer("step")),
               f.text("agent"),
               EventKind::fromName(f.text("kind")), // a newer server's kind reads as Unknown
               f.any("payload"),
               f.integer("at")};
    e.id = qint64(f.optionalNumber("id").value_or(0)); // peers from before send none
    return finish(f, e);
}

Json toJson(const LedgerEntry& l)
{
    Json json = {{"run_id", toStd(l.runId)},
                 {"project_id", toStd(l.projectId)},
                 {"step", l.stepNo},
                 {"agent", toStd(l.agent)},
                 {"provider", toStd(l.provider)},
                 {"model", toStd(l.model)},
                 {"cost", optionalNumber(l.cost)}};
    json.update(usage(l.usage));
    return json;
}

Result<LedgerEntry> ledgerFrom(const Json& json)
{
    Fields f(json);
    LedgerEntry l;
    l.runId = f.text("run_id");
    l.projectId = f.text("project_id");
    l.stepNo = int(f.integer("step"));
    l.agent = f.text("agent");
    l.provider = f.text("provider");
    l.model = f.text("model");
    l.usage = usageFrom(f);
    l.cost = f.optionalNumber("cost");
    return finish(f, l);
}

Json toJson(const GraphVersion& g)
{
    return {{"id", g.id}, {"name", toStd(g.name)}, {"body", g.body}, {"created_at", g.createdAt}};
}

Result<GraphVersion> graphVersionFrom(const Json& json)
{
    Fields f(json);
    GraphVersion g{f.integer("id"), f.text("name"), f.any("body"), f.integer("created_at")};
    return finish(f, g);
}

Json toJson(const BudgetStatus& b)
{
    return {{"scope", toStd(b.scope)},
            {"limit", optionalNumber(b.limit)},
            {"spent", b.spent},
            {"remaining", optionalNumber(b.remaining())},
            {"unknown_cost_calls", b.unknownCostCalls},
            {"simulated", b.simulated}};
}

Result<BudgetStatus> budgetFrom(const Json& json)
{
    Fields f(json);
    BudgetStatus b;
    b.scope = f.text("scope");
    b.limit = f.optionalNumber("limit");
    b.spent = f.number("spent");
    b.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    if (json.is_object() && json.contains("simulated")) // older servers send none
        b.simulated = f.number("simulated");
    return finish(f, b);
}

Json toJson(const SpendRow& r)
{
    return {{"key", toStd(r.key)},
            {"label", toStd(r.label)},
            {"cost", r.cost},
            {"simulated_cost", r.simulatedCost},
            {"calls", r.calls},
            {"unknown_cost_calls", r.unknownCostCalls},
            {"prompt_tokens", r.promptTokens},
            {"completion_tokens", r.completionTokens},
            {"cached_tokens", r.cachedTokens}};
}

Result<SpendRow> spendFrom(const Json& json)
{
    Fields f(json);
    SpendRow r;
    r.key = f.text("key");
    r.label = f.text("label");
    r.cost = f.number("cost");
    if (json.is_object() && json.contains("simulated_cost")) // older servers send none
        r.simulatedCost = f.number("simulated_cost");
    r.calls = int(f.integer("calls"));
    r.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    r.promptTokens = f.integer("prompt_tokens");
    r.completionTokens = f.integer("completion_tokens");
    r.cachedTokens = f.integer("cached_tokens");
    return finish(f, r);
}

} // namespace orch::wire
