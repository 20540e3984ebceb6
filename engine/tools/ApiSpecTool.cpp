#include "tools/ApiSpecTool.h"

#include "tools/ApiSpec.h"
#include "tools/Arguments.h"
#include "workspace/Workspace.h"

#include <QFile>
#include <QSaveFile>

namespace orch {
namespace {

Result<void> writeText(const QString& path, const QByteArray& content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size() || !file.commit())
        return Error{QStringLiteral("cannot write %1").arg(path)};
    return {};
}

// The template's routes.py before anyone wrote a route: stubs may replace it.
bool untouchedRoutes(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return true;
    const QByteArray text = file.readAll();
    return text.contains("ROUTES = {}") && !text.contains("def ");
}

} // namespace

ToolSpec ApiSpecTool::spec() const
{
    return {"write_api_spec",
            "Write the machine-readable spec into the repository (api-spec.json) after "
            "scaffold. An HTTP service: OpenAPI 3 with `paths` (e.g. \"/items\"), methods get, "
            "post, put or delete, query `parameters` with an `example`, a `requestBody` "
            "application/json `example`, and `responses` by status with an application/json "
            "`schema.required` list. A bot: {\"bot\": {\"commands\": [{\"send\": \"/start\", "
            "\"reply_contains\": \"Hello\"}]}}. It writes test_contract.py, which checks the code "
            "against the spec, and for a fresh HTTP service a stub per route.",
            {{"type", "object"},
             {"properties", {{"spec", argument("object", "the OpenAPI document or bot commands")}}},
             {"required", {"spec"}}}};
}

void ApiSpecTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Json& document = member(arguments, "spec");
    auto spec = ApiSpec::fromJson(document);
    if (!spec)
        return done(ToolResult::failure(spec.error()));
    const std::string kind =
        stringOr(objectAt(objectAt(context.state, "scaffold"), "contract"), "kind", "http-service");
    const bool bot = spec->kind == ApiSpec::Kind::Bot;
    if (kind == "worker" || (kind == "telegram-bot") != bot)
        return done(ToolResult::failure(
            QStringLiteral("the project is a %1: %2")
                .arg(toQ(kind), kind == "worker" ? QStringLiteral("a worker has no API spec")
                                : bot            ? QStringLiteral("write an OpenAPI spec for it")
                                                 : QStringLiteral("write its bot commands"))));
    const Workspace workspace(context.workspace);
    Json written = Json::array();
    for (const auto& [name, content] : std::vector<std::pair<QString, QByteArray>>{
             {ApiSpec::kFile, QByteArray::fromStdString(document.dump(2)) + '\n'},
             {QStringLiteral("test_contract.py"), [&] {
                  QFile source(bot ? QStringLiteral(":/contract/test_contract_bot.py")
                                   : QStringLiteral(":/contract/test_contract_http.py"));
                  return source.open(QIODevice::ReadOnly) ? source.readAll() : QByteArray();
              }()}}) {
        auto path = workspace.resolve(name);
        if (!path)
            return done(ToolResult::failure(path.error()));
        if (content.isEmpty())
            return done(ToolResult::failure(QStringLiteral("the contract tests are missing")));
        if (auto ok = writeText(path.value(), content); !ok)
            return done(ToolResult::failure(ok.error()));
        written.push_back(toStd(name));
    }
    if (!bot) {
        auto routes = workspace.resolve(QStringLiteral("routes.py"));
        if (routes && untouchedRoutes(routes.value())) {
            if (auto ok = writeText(routes.value(), spec->routeStubs().toUtf8()); !ok)
                return done(ToolResult::failure(ok.error()));
            written.push_back("routes.py");
        }
    }
    const Json summary = spec->summary();
    ToolResult result = ToolResult::success({{"written", written}, {"spec", summary["lines"]}});
    result.stateUpdate["api_spec"] = summary;
    done(std::move(result));
}

} // namespace orch
