#include "tools/ApiSpec.h"

#include <QRegularExpression>

namespace orch {
namespace {

constexpr size_t kMaxOperations = 50;
constexpr size_t kMaxCommands = 30;

Error invalid(const QString& what)
{
    return Error{QStringLiteral("api spec: %1").arg(what)};
}

Result<QStringList> requiredFields(const Json& response, const QString& where)
{
    const Json& schema =
        objectAt(objectAt(objectAt(response, "content"), "application/json"), "schema");
    QStringList fields;
    const Json& required = member(schema, "required");
    if (required.is_null())
        return fields;
    static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,63}$"));
    if (!required.is_array() || required.size() > 50)
        return invalid(
            QStringLiteral("%1: `schema.required` must be a list of field names").arg(where));
    for (const Json& field : required) {
        const QString text = field.is_string() ? toQ(field.get<std::string>()) : QString();
        if (!name.match(text).hasMatch())
            return invalid(
                QStringLiteral("%1: required field names are letters, digits and _").arg(where));
        fields << text;
    }
    return fields;
}

Result<ApiOperation> operationOf(const QString& method, const QString& path, const Json& body)
{
    ApiOperation operation{method.toUpper(), path, {}, {}};
    const QString where = operation.name();
    if (!body.is_object())
        return invalid(QStringLiteral("%1 must be an object").arg(where));
    operation.summary = toQ(stringOr(body, "summary")).left(200);
    const Json& parameters = member(body, "parameters");
    if (!parameters.is_null()) {
        if (!parameters.is_array() || parameters.size() > 20)
            return invalid(QStringLiteral("%1: `parameters` must be a list").arg(where));
        for (const Json& parameter : parameters)
            if (stringOr(parameter, "in") != "query" || stringOr(parameter, "name").empty())
                return invalid(QStringLiteral("%1: only query parameters with a name are "
                                              "supported (the templates route by path alone)")
                                   .arg(where));
    }
    const Json& responses = member(body, "responses");
    if (!responses.is_object() || responses.empty() || responses.size() > 10)
        return invalid(
            QStringLiteral("%1: `responses` must map status codes to responses").arg(where));
    for (auto it = responses.begin(); it != responses.end(); ++it) {
        bool isNumber = false;
        const int status = toQ(it.key()).toInt(&isNumber);
        if (!isNumber || status < 100 || status > 599)
            return invalid(QStringLiteral("%1: '%2' is not an HTTP status")
                               .arg(where)
                               .arg(toQ(it.key()).left(20)));
        auto fields = requiredFields(*it, where);
        if (!fields)
            return fields.failure();
        operation.responses.push_back({status, fields.value()});
    }
    return operation;
}

} // namespace

Result<ApiSpec> ApiSpec::fromJson(const Json& document)
{
    if (!document.is_object())
        return invalid(QStringLiteral("must be an object"));
    if (toBytes(document).size() > 64 * 1024)
        return invalid(QStringLiteral("larger than 64 KB"));
    ApiSpec spec;
    spec.document = document;
    if (document.contains("bot")) {
        spec.kind = Kind::Bot;
        const Json& commands = member(objectAt(document, "bot"), "commands");
        if (!commands.is_array() || commands.empty() || commands.size() > kMaxCommands)
            return invalid(QStringLiteral("`bot.commands` must list 1 to %1 commands, each "
                                          "{\"send\": …, \"reply_contains\": …}")
                               .arg(kMaxCommands));
        for (const Json& command : commands) {
            const QString send = toQ(stringOr(command, "send"));
            const QString reply = toQ(stringOr(command, "reply_contains"));
            if (send.isEmpty() || reply.isEmpty() || send.size() > 256 || reply.size() > 256)
                return invalid(QStringLiteral("each bot command needs `send` and "
                                              "`reply_contains` (at most 256 characters)"));
            spec.commands.push_back({send, reply});
        }
        return spec;
    }
    if (!stringOr(document, "openapi").starts_with("3."))
        return invalid(QStringLiteral("an HTTP service's spec is OpenAPI 3 (\"openapi\": "
                                      "\"3.0.3\", \"paths\": …); a bot's is {\"bot\": "
                                      "{\"commands\": […]}}"));
    const Json& paths = member(document, "paths");
    if (!paths.is_object() || paths.empty())
        return invalid(QStringLiteral("`paths` must map paths to their operations"));
    static const QRegularExpression pathPattern(QStringLiteral("^/[A-Za-z0-9_./-]{0,127}$"));
    static const QStringList methods = {QStringLiteral("get"), QStringLiteral("post"),
                                        QStringLiteral("put"), QStringLiteral("delete")};
    for (auto path = paths.begin(); path != paths.end(); ++path) {
        const QString name = toQ(path.key());
        if (!pathPattern.match(name).hasMatch())
            return invalid(QStringLiteral("path '%1' must be like /items (letters, digits, "
                                          "_ . / -; no {parameters}: use query parameters)")
                               .arg(name.left(60)));
        if (!path->is_object() || path->empty())
            return invalid(QStringLiteral("%1 must map methods to operations").arg(name));
        for (auto method = path->begin(); method != path->end(); ++method) {
            if (!methods.contains(toQ(method.key())))
                return invalid(QStringLiteral("%1: method '%2' is not one of get, post, put, "
                                              "delete")
                                   .arg(name, toQ(method.key()).left(20)));
            auto operation = operationOf(toQ(method.key()), name, *method);
            if (!operation)
                return operation.failure();
            spec.operations.push_back(std::move(operation).value());
            if (spec.operations.size() > kMaxOperations)
                return invalid(QStringLiteral("more than %1 operations").arg(kMaxOperations));
        }
    }
    return spec;
}

Json ApiSpec::summary() const
{
    Json lines = Json::array();
    for (const ApiOperation& operation : operations) {
        QStringList statuses;
        for (const ApiResponse& response : operation.responses)
            statuses << QString::number(response.status);
        lines.push_back(toStd(QStringLiteral("%1 → %2%3")
                                  .arg(operation.name(), statuses.join(QLatin1Char('/')),
                                       operation.summary.isEmpty()
                                           ? QString()
                                           : QStringLiteral(": ") + operation.summary)));
    }
    for (const BotCommand& command : commands)
        lines.push_back(toStd(QStringLiteral("\"%1\" → a reply containing \"%2\"")
                                  .arg(command.send, command.replyContains)));
    return {{"file", toStd(kFile)}, {"kind", kind == Kind::Bot ? "bot" : "http"}, {"lines", lines}};
}

QString ApiSpec::routeStubs() const
{
    // Paths and methods are checked above, so they are safe inside Python string literals.
    QString functions;
    QStringList entries;
    for (const ApiOperation& operation : operations) {
        QString function = operation.method.toLower() + operation.path;
        function.replace(QRegularExpression(QStringLiteral("[^a-z0-9_]+"),
                                            QRegularExpression::CaseInsensitiveOption),
                         QStringLiteral("_"));
        function = function.toLower();
        functions += QStringLiteral("def %1(request):\n"
                                    "    \"\"\"%2\"\"\"\n"
                                    "    return 501, {\"error\": \"not implemented\", "
                                    "\"operation\": \"%2\"}\n\n\n")
                         .arg(function, operation.name());
        entries << QStringLiteral("    (\"%1\", \"%2\"): %3,")
                       .arg(operation.method, operation.path, function);
    }
    return QStringLiteral("\"\"\"The service's routes, from api-spec.json: each handler takes "
                          "{\"query\": {...}, \"json\": body}\nand returns (status, body). "
                          "test_contract.py checks them against the spec.\n\"\"\"\n\n\n") +
           functions + QStringLiteral("ROUTES = {\n") + entries.join(QLatin1Char('\n')) +
           QStringLiteral("\n}\n");
}

} // namespace orch
