// The wire format of composite answers: a run with its history, balances, summaries,
// overviews, graph issues and the tool catalogue.
#include "api/WireFields.h"
#include "api/WireFormat.h"

namespace orch::wire {
using namespace fields;

Json toJson(const RunDetail& d)
{
    return {{"run", toJson(d.run)},           {"project", toJson(d.project)},
            {"steps", listToJson(d.steps)},   {"checkpoints", listToJson(d.checkpoints)},
            {"events", listToJson(d.events)}, {"ledger", listToJson(d.ledger)}};
}

Result<RunDetail> runDetailFrom(const Json& json)
{
    if (!json.is_object())
        return Error{QStringLiteral("expected an object")};
    RunDetail d;
    auto run = runFrom(member(json, "run"));
    auto project = projectFrom(member(json, "project"));
    auto steps = listFrom<StepRecord>(member(json, "steps"), stepFrom);
    auto checkpoints = listFrom<Checkpoint>(member(json, "checkpoints"), checkpointFrom);
    auto events = listFrom<RunEvent>(member(json, "events"), eventFrom);
    auto ledger = listFrom<LedgerEntry>(member(json, "ledger"), ledgerFrom);
    for (const QString& problem : {run.error(), project.error(), steps.error(), checkpoints.error(),
                                   events.error(), ledger.error()})
        if (!problem.isEmpty())
            return Error{problem};
    d.run = std::move(run).value();
    d.project = std::move(project).value();
    d.steps = std::move(steps).value();
    d.checkpoints = std::move(checkpoints).value();
    d.events = std::move(events).value();
    d.ledger = std::move(ledger).value();
    return d;
}

Json toJson(const RunView& v)
{
    return {{"run", toJson(v.run)},
            {"project", toJson(v.project)},
            {"steps", listToJson(v.steps)},
            {"ledger", listToJson(v.ledger)},
            {"question", v.question}};
}

Result<RunView> runViewFrom(const Json& json)
{
    if (!json.is_object())
        return Error{QStringLiteral("expected an object")};
    RunView v;
    auto run = runFrom(member(json, "run"));
    auto project = projectFrom(member(json, "project"));
    auto steps = listFrom<StepRecord>(member(json, "steps"), stepFrom);
    auto ledger = listFrom<LedgerEntry>(member(json, "ledger"), ledgerFrom);
    for (const QString& problem : {run.error(), project.error(), steps.error(), ledger.error()})
        if (!problem.isEmpty())
            return Error{problem};
    v.run = std::move(run).value();
    v.project = std::move(project).value();
    v.steps = std::move(steps).value();
    v.ledger = std::move(ledger).value();
    const Json& question = member(json, "question");
    v.question = question.is_object() ? question : Json();
    return v;
}

Json toJson(const Balances& b)
{
    return {{"global", toJson(b.global)},
            {"projects", listToJson(b.projects)},
            {"by_day", listToJson(b.byDay)},
            {"by_agent", listToJson(b.byAgent)},
            {"by_model", listToJson(b.byModel)},
            {"by_project", listToJson(b.byProject)},
            {"by_project_day", listToJson(b.byProjectDay)},
            {"storage",
             {{"database_bytes", b.storage.databaseBytes},
              {"free_bytes", b.storage.freeBytes},
              {"last_prune_ms", b.storage.lastPruneMs}}}};
}

Result<Balances> balancesFrom(const Json& json)
{
    if (!json.is_object())
        return Error{QStringLiteral("expected an object")};
    Balances b;
    auto global = budgetFrom(member(json, "global"));
    auto projects = listFrom<BudgetStatus>(member(json, "projects"), budgetFrom);
    if (!global || !projects)
        return Error{global.error() + projects.error()};
    b.global = std::move(global).value();
    b.projects = std::move(projects).value();
    const std::pair<const char*, std::vector<SpendRow>*> lists[] = {{"by_day", &b.byDay},
                                                                    {"by_agent", &b.byAgent},
                                                                    {"by_model", &b.byModel},
                                                                    {"by_project", &b.byProject}};
    for (const auto& [key, rows] : lists) {
        auto read = listFrom<SpendRow>(json.value(key, Json()), spendFrom);
        if (!read)
            return Error{QStringLiteral("%1%2").arg(QLatin1String(key), read.error())};
        *rows = std::move(read).value();
    }
    if (json.contains("by_project_day")) { // absent from servers before it
        auto read = listFrom<SpendRow>(json["by_project_day"], spendFrom);
        if (!read)
            return Error{QStringLiteral("by_project_day%1").arg(read.error())};
        b.byProjectDay = std::move(read).value();
    }
    // Absent from servers before it: then unknown (zeros).
    const Json& storage = objectAt(json, "storage");
    b.storage.databaseBytes = std::max(0LL, intOr(storage, "database_bytes", 0));
    b.storage.freeBytes = std::max(0LL, intOr(storage, "free_bytes", 0));
    b.storage.lastPruneMs = std::max(0LL, intOr(storage, "last_prune_ms", 0));
    return b;
}

Json toJson(const ReportEntry& r)
{
    Json json = {{"key", toStd(r.key)},
                 {"project_id", toStd(r.projectId)},
                 {"path", toStd(r.path)},
                 {"created_at", r.createdAt}};
    if (!r.markdown.isEmpty()) // left out of listings
        json["markdown"] = toStd(r.markdown);
    return json;
}

Result<ReportEntry> reportEntryFrom(const Json& json)
{
    Fields f(json);
    ReportEntry r{f.text("key"), f.text("project_id"), f.text("path"), f.integer("created_at"), {}};
    r.markdown = toQ(stringOr(json, "markdown"));
    return finish(f, r);
}

Json toJson(const ProjectSummary& s)
{
    return {{"project", toJson(s.project)},
            {"latest_run", s.latestRun ? toJson(*s.latestRun) : Json(nullptr)},
            {"cost", s.cost},
            {"simulated_cost", s.simulatedCost},
            {"unknown_cost_calls", s.unknownCostCalls},
            {"url", toStd(s.url)},
            {"healthy", s.healthy ? Json(*s.healthy) : Json(nullptr)},
            {"uptime", s.uptime}};
}

Json toJson(const ProjectRun& r)
{
    return {
        {"run", toJson(r.run)},    {"kind", toStd(r.kind)}, {"from_run", toStd(r.fromRun)},
        {"from_step", r.fromStep}, {"cost", r.cost},        {"simulated_cost", r.simulatedCost}};
}

Result<ProjectRun> projectRunFrom(const Json& json)
{
    Fields f(json);
    ProjectRun r;
    auto run = runFrom(f.any("run"));
    if (!run)
        return Error{QStringLiteral("run: %1").arg(run.error())};
    r.run = run.value();
    r.kind = f.text("kind");
    r.fromRun = f.text("from_run");
    r.fromStep = int(f.integer("from_step"));
    r.cost = f.number("cost");
    r.simulatedCost = f.number("simulated_cost");
    return finish(f, r);
}

Result<ProjectSummary> projectSummaryFrom(const Json& json)
{
    Fields f(json);
    ProjectSummary s;
    auto project = projectFrom(f.any("project"));
    if (!project)
        return Error{QStringLiteral("project: %1").arg(project.error())};
    s.project = project.value();
    const Json latest = f.any("latest_run");
    if (!latest.is_null()) {
        auto run = runFrom(latest);
        if (!run)
            return Error{QStringLiteral("latest_run: %1").arg(run.error())};
        s.latestRun = run.value();
    }
    s.cost = f.number("cost");
    if (json.is_object() && json.contains("simulated_cost")) // older servers send none
        s.simulatedCost = f.number("simulated_cost");
    s.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    s.url = f.text("url");
    const Json healthy = f.any("healthy");
    if (healthy.is_boolean())
        s.healthy = healthy.get<bool>();
    if (json.is_object() && json.contains("uptime")) // older servers send none
        s.uptime = f.number("uptime");
    return finish(f, s);
}

Json toJson(const GitCommitInfo& c)
{
    return {{"sha", toStd(c.sha)},
            {"summary", toStd(c.summary)},
            {"author", toStd(c.author)},
            {"time", c.time}};
}

Result<GitCommitInfo> commitFrom(const Json& json)
{
    Fields f(json);
    GitCommitInfo c{f.text("sha"), f.text("summary"), f.text("author"), f.integer("time")};
    return finish(f, c);
}

Json toJson(const GraphIssue& issue)
{
    return {{"path", toStd(issue.path)}, {"message", toStd(issue.message)}};
}

Result<GraphIssue> graphIssueFrom(const Json& json)
{
    Fields f(json);
    GraphIssue issue{f.text("path"), f.text("message")};
    return finish(f, issue);
}

Json toJson(const ToolInfo& tool)
{
    return {{"name", toStd(tool.name)},
            {"description", toStd(tool.description)},
            {"parameters", tool.parameters}};
}

Result<ToolInfo> toolFrom(const Json& json)
{
    Fields f(json);
    ToolInfo tool{f.text("name"), f.text("description"), f.any("parameters")};
    return finish(f, tool);
}

Json toJson(const RunOverview& o)
{
    return {{"run", toJson(o.run)},
            {"project", toJson(o.project)},
            {"cost", o.cost},
            {"simulated_cost", o.simulatedCost},
            {"unknown_cost_calls", o.unknownCostCalls},
            {"question", o.question},
            {"url", toStd(o.url)},
            {"repository", toStd(o.repository)},
            {"healthy", o.healthy ? Json(*o.healthy) : Json(nullptr)},
            {"bot_activity", toJson(o.botActivity)}};
}

Result<RunOverview> runOverviewFrom(const Json& json)
{
    Fields f(json);
    RunOverview o;
    auto run = runFrom(f.any("run"));
    if (!run)
        return Error{QStringLiteral("run: %1").arg(run.error())};
    o.run = run.value();
    auto project = projectFrom(f.any("project"));
    if (!project)
        return Error{QStringLiteral("project: %1").arg(project.error())};
    o.project = project.value();
    o.cost = f.number("cost");
    if (json.is_object() && json.contains("simulated_cost")) // older servers send none
        o.simulatedCost = f.number("simulated_cost");
    o.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    const Json question = f.any("question");
    o.question = question.is_object() ? question : Json();
    o.url = f.text("url");
    o.repository = f.text("repository");
    const Json healthy = f.any("healthy");
    if (healthy.is_boolean())
        o.healthy = healthy.get<bool>();
    o.botActivity = botActivityFrom(member(json, "bot_activity")); // older servers send none
    return finish(f, o);
}

Json toJson(const ModelReadiness& r)
{
    return {{"ready", r.ready}, {"problem", toStd(r.problem)}, {"offline_demo", r.offlineDemo}};
}

Result<ModelReadiness> readinessFrom(const Json& json)
{
    Fields f(json);
    ModelReadiness r;
    r.ready = f.flag("ready");
    r.problem = f.text("problem");
    r.offlineDemo = f.flag("offline_demo");
    return finish(f, r);
}

} // namespace orch::wire
