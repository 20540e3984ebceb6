// The wire shape of a live deployment (deployments.* calls): what runs where and how the
// watcher found it. A bot's token never travels, only its vault handle.
#include "api/WireFields.h"
#include "api/WireFormat.h"

namespace orch::wire {

using fields::Fields;
using fields::textsFrom;
using fields::textsToJson;

Json toJson(const DeploymentRecord& d)
{
    return {{"project_id", toStd(d.projectId)},
            {"project", toStd(d.projectName)},
            {"run_id", toStd(d.runId)},
            {"service", toStd(d.service)},
            {"server", toStd(d.server)},
            {"kind", toStd(d.kind)},
            {"url", toStd(d.url)},
            {"version", toStd(d.version)},
            {"previous", toStd(d.previous)},
            {"bot_secret", toStd(d.botHandle)},
            {"deployed_at", d.deployedAt},
            {"health", toStd(d.health)},
            {"health_since", d.healthSince},
            {"checked_at", d.checkedAt},
            {"detail", toStd(d.detail)},
            {"certificate_expires_at", d.certificateExpiresAt},
            {"memory_mb", d.memoryMb},
            {"activity", toJson(d.activity)},
            {"uptime", d.uptime}};
}

Json toJson(const BotActivity& a)
{
    if (!a.known)
        return nullptr;
    return {{"updates", a.updates},
            {"messages", a.messages},
            {"throttled", a.throttled},
            {"blocked", a.blocked},
            {"conflicts", a.conflicts}};
}

BotActivity botActivityFrom(const Json& json)
{
    if (!json.is_object())
        return {};
    return {true,
            std::max(0LL, intOr(json, "updates", 0)),
            std::max(0LL, intOr(json, "messages", 0)),
            std::max(0LL, intOr(json, "throttled", 0)),
            std::max(0LL, intOr(json, "blocked", 0)),
            std::max(0LL, intOr(json, "conflicts", 0))};
}

Result<DeploymentRecord> deploymentFrom(const Json& json)
{
    Fields f(json);
    DeploymentRecord d;
    d.projectId = f.text("project_id");
    d.projectName = f.text("project");
    d.runId = f.text("run_id");
    d.service = f.text("service");
    d.server = f.text("server");
    d.kind = f.text("kind");
    d.url = f.text("url");
    d.version = f.text("version");
    d.previous = f.text("previous");
    d.botHandle = f.text("bot_secret");
    d.deployedAt = f.integer("deployed_at");
    d.health = f.text("health");
    d.healthSince = f.integer("health_since");
    d.checkedAt = f.integer("checked_at");
    d.detail = f.text("detail");
    d.certificateExpiresAt = f.integer("certificate_expires_at");
    d.memoryMb = int(f.integer("memory_mb"));
    d.activity = botActivityFrom(member(json, "activity")); // older servers send none
    d.uptime = f.number("uptime");
    return fields::finish(f, d);
}

Json toJson(const DomainClaim& c)
{
    return {{"project", toStd(c.project)},
            {"domain", toStd(c.domain)},
            {"accepted", c.accepted},
            {"wanted", textsToJson(c.wanted)},
            {"found", textsToJson(c.found)},
            {"record", toStd(c.record)},
            {"url", toStd(c.url)}};
}

Result<DomainClaim> domainClaimFrom(const Json& json)
{
    Fields f(json);
    DomainClaim c;
    c.project = f.text("project");
    c.domain = f.text("domain");
    c.accepted = f.flag("accepted");
    c.record = f.text("record");
    c.url = f.text("url");
    QString problem;
    c.wanted = textsFrom(f.any("wanted"), &problem, "wanted");
    if (problem.isEmpty())
        c.found = textsFrom(f.any("found"), &problem, "found");
    if (!problem.isEmpty() && f.problem().isEmpty())
        return Error{problem};
    return fields::finish(f, c);
}

Json toJson(const RepairStanding& r)
{
    return {{"project", toStd(r.project)},        {"policy", toStd(r.policy)},
            {"monthly_budget", r.monthlyBudget},  {"spent_this_month", r.spentThisMonth},
            {"runs_this_month", r.runsThisMonth}, {"left", r.left()}};
}

Result<RepairStanding> repairStandingFrom(const Json& json)
{
    Fields f(json);
    RepairStanding r;
    r.project = f.text("project");
    r.policy = f.text("policy");
    r.monthlyBudget = f.number("monthly_budget");
    r.spentThisMonth = f.number("spent_this_month");
    r.runsThisMonth = int(f.integer("runs_this_month"));
    if (f.problem().isEmpty() && !RepairPolicy::valid(r.policy))
        return Error{QStringLiteral("policy: off, ask or auto expected")};
    return fields::finish(f, r);
}

Json toJson(const RunForecast& f)
{
    return {{"samples", f.samples},
            {"cost_low", f.costLow},
            {"cost_mid", f.costMid},
            {"cost_high", f.costHigh},
            {"ms_low", f.msLow},
            {"ms_mid", f.msMid},
            {"ms_high", f.msHigh},
            {"basis", toStd(f.basis)},
            {"budget_left", optionalNumber(f.budgetLeft)},
            {"exceeds_budget", f.exceedsBudget}};
}

Result<RunForecast> forecastFrom(const Json& json)
{
    Fields f(json);
    RunForecast r;
    r.samples = int(f.integer("samples"));
    r.costLow = f.number("cost_low");
    r.costMid = f.number("cost_mid");
    r.costHigh = f.number("cost_high");
    r.msLow = f.integer("ms_low");
    r.msMid = f.integer("ms_mid");
    r.msHigh = f.integer("ms_high");
    r.basis = f.text("basis");
    r.budgetLeft = f.optionalNumber("budget_left");
    r.exceedsBudget = f.flag("exceeds_budget");
    return fields::finish(f, r);
}

} // namespace orch::wire
