#pragma once
// How the answer of an engine call and its error travel: the server writes them, the client
// reads them back, both from the method table (api/EngineMethods.h).

#include "api/WireFormat.h"

#include <QStringList>
#include <string_view>

namespace orch::api {

// The wire name of an error code ("not_found"), and back (unknown names read as Failed).
QString errorCodeName(ErrorCode code);
ErrorCode errorCodeFrom(std::string_view name);
Json errorToJson(const Error& error);
Error errorFromJson(const Json& error);

template <typename T> Result<T> readAnswer(const Json& json);

template <typename T> Json writeAnswer(const T& value)
{
    return wire::toJson(value);
}
template <typename T> Json writeAnswer(const std::vector<T>& values)
{
    return wire::listToJson(values);
}
inline Json writeAnswer(const QString& text)
{
    return toStd(text);
}
Json writeAnswer(const QStringList& texts);

template <typename T> Json wrapAnswer(const T& value, std::string_view key)
{
    if (key.empty())
        return writeAnswer(value);
    return Json{{std::string(key), writeAnswer(value)}};
}
inline Json wrapAnswer()
{
    return Json{{"ok", true}};
}

// Readers per type, so a table row names only the type of its answer.
template <typename T> struct Reader;
#define ORCH_WIRE_READER(Type, function)                                                           \
    template <> struct Reader<Type>                                                                \
    {                                                                                              \
        static Result<Type> read(const Json& json) { return wire::function(json); }                \
    };
ORCH_WIRE_READER(ProjectRecord, projectFrom)
ORCH_WIRE_READER(RunRecord, runFrom)
ORCH_WIRE_READER(ProjectRun, projectRunFrom)
ORCH_WIRE_READER(RunDetail, runDetailFrom)
ORCH_WIRE_READER(GraphVersion, graphVersionFrom)
ORCH_WIRE_READER(BudgetStatus, budgetFrom)
ORCH_WIRE_READER(Balances, balancesFrom)
ORCH_WIRE_READER(ReportEntry, reportEntryFrom)
ORCH_WIRE_READER(ProjectSummary, projectSummaryFrom)
ORCH_WIRE_READER(GitCommitInfo, commitFrom)
ORCH_WIRE_READER(GraphIssue, graphIssueFrom)
ORCH_WIRE_READER(ToolInfo, toolFrom)
ORCH_WIRE_READER(RunOverview, runOverviewFrom)
ORCH_WIRE_READER(RunView, runViewFrom)
ORCH_WIRE_READER(Checkpoint, checkpointFrom)
ORCH_WIRE_READER(RunEvent, eventFrom)
ORCH_WIRE_READER(ServerInfo, serverInfoFrom)
ORCH_WIRE_READER(DeploymentRecord, deploymentFrom)
ORCH_WIRE_READER(DomainClaim, domainClaimFrom)
ORCH_WIRE_READER(RepairStanding, repairStandingFrom)
ORCH_WIRE_READER(RunForecast, forecastFrom)
ORCH_WIRE_READER(ModelReadiness, readinessFrom)
ORCH_WIRE_READER(Lesson, lessonFrom)
#undef ORCH_WIRE_READER

Result<QString> readText(const Json& json);
Result<QStringList> readTexts(const Json& json);

template <typename T> struct IsList : std::false_type
{
};
template <typename T> struct IsList<std::vector<T>> : std::true_type
{
};

template <typename T> Result<T> readAnswer(const Json& json)
{
    if constexpr (std::is_same_v<T, QString>)
        return readText(json);
    else if constexpr (std::is_same_v<T, QStringList>)
        return readTexts(json);
    else if constexpr (IsList<T>::value)
        return wire::listFrom<typename T::value_type>(json, &Reader<typename T::value_type>::read);
    else
        return Reader<T>::read(json);
}

template <typename T> Result<T> unwrapAnswer(const Json& json, std::string_view key)
{
    if (key.empty())
        return readAnswer<T>(json);
    const Json& inner = member(json, std::string(key).c_str());
    if (inner.is_null())
        return Error{QStringLiteral("missing \"%1\"").arg(QLatin1String(key.data(), key.size()))};
    return readAnswer<T>(inner);
}

} // namespace orch::api
