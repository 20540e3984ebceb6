#include "api/WireFormat.h"

namespace orch::wire {
namespace {

// Reads fields of one object, remembering the first problem.
class Fields
{
public:
    explicit Fields(const Json& json) : m_json(json)
    {
        if (!json.is_object())
            m_problem = QStringLiteral("expected an object");
    }
    QString text(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_string())
            fail(key, "a string");
        return v && v->is_string() ? toQ(v->get<std::string>()) : QString();
    }
    qint64 integer(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_number_integer())
            fail(key, "a whole number");
        return v && v->is_number_integer() ? v->get<qint64>() : 0;
    }
    double number(const char* key)
    {
        const Json* v = field(key);
        if (v && !v->is_number())
            fail(key, "a number");
        return v && v->is_number() ? v->get<double>() : 0;
    }
    std::optional<double> optionalNumber(const char* key)
    {
        const Json* v = field(key);
        if (!v || v->is_null())
            return std::nullopt;
        return number(key);
    }
    Json any(const char* key)
    {
        const Json* v = field(key);
        return v ? *v : Json();
    }
    const QString& problem() const { return m_problem; }

private:
    const Json* field(const char* key)
    {
        if (!m_problem.isEmpty())
            return nullptr;
        auto it = m_json.find(key);
        if (it == m_json.end()) {
            m_problem = QStringLiteral("missing \"%1\"").arg(QLatin1String(key));
            return nullptr;
        }
        return &*it;
    }
    void fail(const char* key, const char* kind)
    {
        if (m_problem.isEmpty())
            m_problem =
                QStringLiteral("\"%1\" must be %2").arg(QLatin1String(key), QLatin1String(kind));
    }

    const Json& m_json;
    QString m_problem;
};

template <typename T> Result<T> finish(const Fields& fields, T value)
{
    if (!fields.problem().isEmpty())
        return Error{fields.problem()};
    return value;
}

Json usage(const TokenUsage& u)
{
    return {{"prompt_tokens", u.prompt},
            {"completion_tokens", u.completion},
            {"cached_tokens", u.cached}};
}

TokenUsage usageFrom(Fields& f)
{
    TokenUsage u;
    u.prompt = f.integer("prompt_tokens");
    u.completion = f.integer("completion_tokens");
    u.cached = f.integer("cached_tokens");
    return u;
}

Json optionalNumber(const std::optional<double>& value)
{
    return value ? Json(*value) : Json(nullptr);
}

} // namespace

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
    return {
        {"run_id", toStd(c.runId)}, {"step", c.stepNo}, {"state", c.state}, {"cursor", c.cursor}};
}

Result<Checkpoint> checkpointFrom(const Json& json)
{
    Fields f(json);
    Checkpoint c{f.text("run_id"), int(f.integer("step")), f.any("state"), f.any("cursor")};
    return finish(f, c);
}

Json toJson(const RunEvent& e)
{
    return {{"run_id", toStd(e.runId)}, {"step", e.stepNo},
            {"agent", toStd(e.agent)},  {"kind", toStd(EventKind::name(e.kind))},
            {"payload", e.payload},     {"at", e.at}};
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
            {"unknown_cost_calls", b.unknownCostCalls}};
}

Result<BudgetStatus> budgetFrom(const Json& json)
{
    Fields f(json);
    BudgetStatus b;
    b.scope = f.text("scope");
    b.limit = f.optionalNumber("limit");
    b.spent = f.number("spent");
    b.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    return finish(f, b);
}

Json toJson(const SpendRow& r)
{
    return {{"key", toStd(r.key)},
            {"label", toStd(r.label)},
            {"cost", r.cost},
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
    r.calls = int(f.integer("calls"));
    r.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    r.promptTokens = f.integer("prompt_tokens");
    r.completionTokens = f.integer("completion_tokens");
    r.cachedTokens = f.integer("cached_tokens");
    return finish(f, r);
}

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

Json toJson(const Balances& b)
{
    return {{"global", toJson(b.global)},        {"projects", listToJson(b.projects)},
            {"by_day", listToJson(b.byDay)},     {"by_agent", listToJson(b.byAgent)},
            {"by_model", listToJson(b.byModel)}, {"by_project", listToJson(b.byProject)}};
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
            {"unknown_cost_calls", s.unknownCostCalls},
            {"url", toStd(s.url)},
            {"healthy", s.healthy ? Json(*s.healthy) : Json(nullptr)}};
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
    s.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    s.url = f.text("url");
    const Json healthy = f.any("healthy");
    if (healthy.is_boolean())
        s.healthy = healthy.get<bool>();
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
            {"unknown_cost_calls", o.unknownCostCalls},
            {"question", o.question},
            {"url", toStd(o.url)},
            {"repository", toStd(o.repository)},
            {"healthy", o.healthy ? Json(*o.healthy) : Json(nullptr)}};
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
    o.unknownCostCalls = int(f.integer("unknown_cost_calls"));
    const Json question = f.any("question");
    o.question = question.is_object() ? question : Json();
    o.url = f.text("url");
    o.repository = f.text("repository");
    const Json healthy = f.any("healthy");
    if (healthy.is_boolean())
        o.healthy = healthy.get<bool>();
    return finish(f, o);
}

} // namespace orch::wire
