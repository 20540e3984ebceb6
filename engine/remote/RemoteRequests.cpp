#include "remote/RemoteRequests.h"

#include "facade/Engine.h"
#include "graph/GraphCatalog.h"
#include "api/WireFormat.h"

#include <variant>

namespace orch {
namespace {

// Required string parameter, or a bad_request naming it.
std::optional<RemoteError> needText(const Json& params, const char* key, QString& out)
{
    if (!params.contains(key) || !params[key].is_string() || params[key].get<std::string>().empty())
        return RemoteError{QStringLiteral("bad_request"),
                           QStringLiteral("params.%1 must be a non-empty string").arg(QLatin1String(key))};
    out = toQ(params[key].get<std::string>());
    return std::nullopt;
}

template <typename T, typename Convert>
std::variant<Json, RemoteError> answer(Result<T> result, Convert convert)
{
    if (!result) {
        const bool missing = result.error().contains(QLatin1String("no run"))
                             || result.error().contains(QLatin1String("no project"))
                             || result.error().contains(QLatin1String("no graph version"));
        return RemoteError{missing ? QStringLiteral("not_found") : QStringLiteral("failed"), result.error()};
    }
    return convert(result.value());
}

std::variant<Json, RemoteError> answer(Result<void> result)
{
    if (!result)
        return RemoteError{QStringLiteral("failed"), result.error()};
    return Json{{"ok", true}};
}

} // namespace

QStringList RemoteRequests::methods()
{
    return {QStringLiteral("projects.list"), QStringLiteral("projects.summaries"), QStringLiteral("runs.list"), QStringLiteral("runs.get"),
            QStringLiteral("runs.start"), QStringLiteral("runs.answer"), QStringLiteral("runs.cancel"),
            QStringLiteral("runs.resume"), QStringLiteral("runs.fork"), QStringLiteral("graphs.list"),
            QStringLiteral("graphs.get"), QStringLiteral("graphs.save"), QStringLiteral("budget.topup"),
            QStringLiteral("balances.get"), QStringLiteral("reports.get"), QStringLiteral("reports.list"),
            QStringLiteral("files.list"), QStringLiteral("files.read"), QStringLiteral("git.log"), QStringLiteral("git.diff")};
}

std::variant<Json, RemoteError> RemoteRequests::handle(const QString& method, const Json& params, const QString& who)
{
    QString runId;
    if (method == QLatin1String("projects.list"))
        return answer(m_engine.projects(), [](const auto& v) { return wire::listToJson(v); });
    if (method == QLatin1String("projects.summaries"))
        return answer(m_engine.projectSummaries(), [](const auto& v) { return wire::listToJson(v); });
    if (method == QLatin1String("runs.list"))
        return answer(m_engine.runs(), [](const auto& v) { return wire::listToJson(v); });
    if (method == QLatin1String("graphs.list"))
        return answer(m_engine.graphs().versions(), [](const auto& v) { return wire::listToJson(v); });
    if (method == QLatin1String("reports.list"))
        return answer(m_engine.reports(), [](const auto& v) { return wire::listToJson(v); });
    if (method == QLatin1String("balances.get"))
        return answer(m_engine.balances(), [](const Balances& b) { return wire::toJson(b); });
    if (method == QLatin1String("graphs.get")) {
        const Json& given = member(params, "id");
        if (!given.is_null() && !asInteger(given))
            return RemoteError{QStringLiteral("bad_request"), QStringLiteral("params.id must be a graph version number")};
        const qint64 id = intOr(params, "id", 0);
        return answer(id == 0 ? m_engine.graphs().currentVersion() : m_engine.graphs().version(id),
                      [](const GraphVersion& g) { return wire::toJson(g); });
    }
    if (method == QLatin1String("graphs.save")) {
        if (!params.contains("body") || !params["body"].is_object())
            return RemoteError{QStringLiteral("bad_request"), QStringLiteral("params.body must be a graph object")};
        auto saved = m_engine.graphs().save(params["body"]);
        if (!saved)
            return RemoteError{QStringLiteral("invalid_graph"), saved.error()};
        return wire::toJson(saved.value());
    }
    if (method == QLatin1String("runs.start")) {
        QString description;
        if (auto bad = needText(params, "description", description))
            return *bad;
        return answer(m_engine.startRun(description, QString()), [](const QString& id) { return Json{{"run_id", toStd(id)}}; });
    }
    if (method == QLatin1String("budget.topup")) {
        QString scope;
        if (auto bad = needText(params, "scope", scope))
            return *bad;
        if (!params.contains("amount") || !params["amount"].is_number())
            return RemoteError{QStringLiteral("bad_request"), QStringLiteral("params.amount must be a number (USD)")};
        return answer(m_engine.topUp(scope, params["amount"].get<double>(), who),
                      [](const BudgetStatus& b) { return wire::toJson(b); });
    }
    // Everything below names a run.
    if (!methods().contains(method))
        return RemoteError{QStringLiteral("bad_request"), QStringLiteral("unknown method '%1'").arg(method)};
    if (auto bad = needText(params, "run_id", runId))
        return *bad;
    if (method == QLatin1String("files.list") || method == QLatin1String("files.read") || method == QLatin1String("git.log")
        || method == QLatin1String("git.diff")) {
        auto browser = m_engine.browse(runId);
        if (!browser)
            return RemoteError{QStringLiteral("not_found"), browser.error()};
        if (method == QLatin1String("files.list"))
            return answer(browser->files(), [](const QStringList& paths) {
                Json list = Json::array();
                for (const QString& path : paths)
                    list.push_back(toStd(path));
                return list;
            });
        if (method == QLatin1String("git.log"))
            return answer(browser->commits(), [](const auto& v) { return wire::listToJson(v); });
        QString argument;
        if (auto bad = needText(params, method == QLatin1String("files.read") ? "path" : "sha", argument))
            return *bad;
        auto text = method == QLatin1String("files.read") ? browser->fileText(argument) : browser->commitDiff(argument);
        return answer(text, [](const QString& t) { return Json{{"text", toStd(t)}}; });
    }
    if (method == QLatin1String("runs.get"))
        return answer(m_engine.runDetail(runId), [](const RunDetail& d) { return wire::toJson(d); });
    if (method == QLatin1String("reports.get"))
        return answer(m_engine.report(runId), [](const QString& md) { return Json{{"markdown", toStd(md)}}; });
    if (method == QLatin1String("runs.cancel"))
        return answer(m_engine.cancel(runId));
    if (method == QLatin1String("runs.resume"))
        return answer(m_engine.resumeRun(runId));
    if (method == QLatin1String("runs.answer")) {
        QString text;
        if (auto bad = needText(params, "text", text))
            return *bad;
        return answer(m_engine.answer(runId, text));
    }
    // runs.fork
    const auto step = integerAt(params, "step");
    if (!step || *step < 0 || *step > 1'000'000'000)
        return RemoteError{QStringLiteral("bad_request"), QStringLiteral("params.step must be a step number")};
    return answer(m_engine.forkRun(runId, int(*step)), [](const QString& id) { return Json{{"run_id", toStd(id)}}; });
}

} // namespace orch
