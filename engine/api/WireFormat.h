#pragma once
// The JSON shape of everything that crosses the remote API (docs/remote-api.md). Each type
// has a writer and a reader; readers accept what writers produce and reject other shapes
// with an error naming the field.

#include "api/EngineTypes.h"

namespace orch::wire {

Json toJson(const ProjectRecord& project);
Json toJson(const RunRecord& run);
Json toJson(const StepRecord& step);
Json toJson(const Checkpoint& checkpoint);
Json toJson(const RunEvent& event);
Json toJson(const LedgerEntry& entry);
Json toJson(const GraphVersion& version);
Json toJson(const BudgetStatus& status);
Json toJson(const SpendRow& row);
Json toJson(const RunDetail& detail);
Json toJson(const Balances& balances);
Json toJson(const ReportEntry& report);
Json toJson(const ProjectSummary& summary);
Json toJson(const ProjectRun& run);
Json toJson(const GitCommitInfo& commit);
Json toJson(const GraphIssue& issue);
Json toJson(const ToolInfo& tool);
Json toJson(const RunOverview& overview);
Json toJson(const RunView& view);
Json toJson(const ServerInfo& info);
Json toJson(const DeploymentRecord& deployment);
Json toJson(const DomainClaim& claim);
Json toJson(const RepairStanding& standing);
Json toJson(const RunForecast& forecast);
Json toJson(const ModelReadiness& readiness);
Json toJson(const Lesson& lesson);

Result<ProjectRecord> projectFrom(const Json& json);
Result<RunRecord> runFrom(const Json& json);
Result<StepRecord> stepFrom(const Json& json);
Result<Checkpoint> checkpointFrom(const Json& json);
Result<RunEvent> eventFrom(const Json& json);
Result<LedgerEntry> ledgerFrom(const Json& json);
Result<GraphVersion> graphVersionFrom(const Json& json);
Result<BudgetStatus> budgetFrom(const Json& json);
Result<SpendRow> spendFrom(const Json& json);
Result<RunDetail> runDetailFrom(const Json& json);
Result<Balances> balancesFrom(const Json& json);
Result<ReportEntry> reportEntryFrom(const Json& json);
Result<ProjectSummary> projectSummaryFrom(const Json& json);
Result<ProjectRun> projectRunFrom(const Json& json);
Result<GitCommitInfo> commitFrom(const Json& json);
Result<GraphIssue> graphIssueFrom(const Json& json);
Result<ToolInfo> toolFrom(const Json& json);
Result<RunOverview> runOverviewFrom(const Json& json);
Result<RunView> runViewFrom(const Json& json);
Result<ModelReadiness> readinessFrom(const Json& json);
Result<ServerInfo> serverInfoFrom(const Json& json);         // WireServers.cpp
Result<DeploymentRecord> deploymentFrom(const Json& json);   // WireDeployments.cpp
Result<DomainClaim> domainClaimFrom(const Json& json);       // WireDeployments.cpp
Result<RepairStanding> repairStandingFrom(const Json& json); // WireDeployments.cpp
Result<RunForecast> forecastFrom(const Json& json);          // WireDeployments.cpp
Result<Lesson> lessonFrom(const Json& json);                 // WireLessons.cpp
// A bot's counts: an object, or null when not known; read leniently (missing counts are 0).
Json toJson(const BotActivity& activity);
BotActivity botActivityFrom(const Json& json);

// A list of T from a JSON array, with the failing index in the error.
template <typename T>
Result<std::vector<T>> listFrom(const Json& json, Result<T> (*read)(const Json&))
{
    if (!json.is_array())
        return Error{QStringLiteral("expected a list")};
    std::vector<T> items;
    items.reserve(json.size());
    for (size_t i = 0; i < json.size(); ++i) {
        auto item = read(json[i]);
        if (!item)
            return Error{QStringLiteral("[%1]: %2").arg(i).arg(item.error())};
        items.push_back(std::move(item).value());
    }
    return items;
}

template <typename T> Json listToJson(const std::vector<T>& items)
{
    Json list = Json::array();
    for (const T& item : items)
        list.push_back(toJson(item));
    return list;
}

} // namespace orch::wire
