// Tester tools: one check per acceptance criterion against the deployed service (any HTTP
// method, a JSON body, expected status, JSON fields and text) or bot (a message as a user and
// the reply). Results go to the check sheet (CheckSheet.h); the model never declares a pass.
// URLs come from the deployment and the settings, never from the model.

#include "deploy/BotConversation.h"
#include "deploy/HttpProbe.h"
#include "graph/GraphDefinition.h"
#include "tools/Arguments.h"
#include "tools/CheckSheet.h"
#include "tools/DeployTools.h"
#include "tools/ProjectSecretScrub.h"

namespace orch {
namespace {

using Services = std::shared_ptr<const DeployServices>;
constexpr qsizetype kShownBody = 4000;

// The arguments every check has: its id and the acceptance criterion it covers.
Json checkProperties(Json more)
{
    more["id"] = argument("string",
                          "a short name for this check, e.g. \"unknown-city-404\"; "
                          "checking again under the same id replaces the result",
                          {{"maxLength", 64}});
    more["criterion"] = argument("integer",
                                 "the number of the spec.acceptance item it checks "
                                 "(1 for the first)",
                                 {{"minimum", 1}});
    return more;
}

Result<std::string> checkId(const Json& arguments)
{
    auto id = Arguments(arguments).requiredString("id");
    if (!id)
        return Error{id.error()};
    if (id->size() > 64)
        return Error{QStringLiteral("'id' must be at most 64 characters")};
    return toStd(id->simplified());
}

// The progress line the Tester reads after each check.
Json sheetSummary(const Json& sheet)
{
    Json failing = Json::array();
    for (const Json& failed : arrayAt(sheet, "failed"))
        failing.push_back(failed["check"]);
    return {{"all_passed", boolOr(sheet, "passed", false)},
            {"failing_checks", failing},
            {"criteria_without_a_check", arrayAt(sheet, "uncovered_criteria")}};
}

// A check's result as the model reads it, with the sheet it is now on.
ToolResult onTheSheet(const Json& state, const std::string& version, const CheckResult& check)
{
    const Json sheet = recordCheck(state, version, check);
    ToolResult result = ToolResult::success({{"check", check.id},
                                             {"passed", check.passed},
                                             {"got", check.got},
                                             {"sheet", sheetSummary(sheet)}});
    result.stateUpdate["probes"] = sheet;
    return result;
}

class HttpCheckTool final : public Tool
{
public:
    explicit HttpCheckTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {
            "check_http",
            "Check one acceptance criterion against the deployed service over HTTPS "
            "(certificate verified): send a request and compare the answer with what the spec "
            "says. The result is recorded on the check sheet under 'id'; repeat an id to "
            "correct a check whose expectation was wrong.",
            {{"type", "object"},
             {"properties",
              checkProperties(
                  {{"method", argument("string", "GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS "
                                                 "(default GET)")},
                   {"path", argument("string", "the path with any query, e.g. /time?city=Oslo")},
                   {"body", argument("object", "a JSON object sent as the request body")},
                   {"expect_status", argument("integer", "the HTTP status expected (default 200)",
                                              {{"minimum", 100}, {"maximum", 599}})},
                   {"expect_json",
                    argument("object",
                             "fields the JSON answer must have, by dotted path, with their "
                             "values, e.g. {\"city\": \"Oslo\", \"items.0.id\": 1}")},
                   {"expect_text", argument("string", "text the answer's body must contain")}})},
             {"required", {"id", "path"}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        done = scrubbing(*m_services, context, std::move(done));
        auto id = checkId(arguments);
        if (!id)
            return done(ToolResult::failure(id.error()));
        const Arguments args(arguments);
        auto path = args.requiredString("path");
        if (!path)
            return done(ToolResult::failure(path.error()));
        if (!path->startsWith(QLatin1Char('/')))
            return done(ToolResult::failure(QStringLiteral("'path' must start with '/'")));
        const QString method = args.optionalString("method").trimmed().toUpper();
        static const QStringList kMethods = {"GET",    "POST", "PUT",    "PATCH",
                                             "DELETE", "HEAD", "OPTIONS"};
        if (!method.isEmpty() && !kMethods.contains(method))
            return done(ToolResult::failure(
                QStringLiteral("'method' must be one of %1").arg(kMethods.join(", "))));
        const Json deployment = objectAt(context.state, "deployment");
        const QString base = toQ(stringOr(deployment, "url"));
        if (base.isEmpty())
            return done(ToolResult::failure(QStringLiteral("nothing is deployed yet")));

        const Json& body = member(arguments, "body");
        CheckResult check{*id, int(intOr(arguments, "criterion", 0)), "http"};
        check.request = {{"method", toStd(method.isEmpty() ? QStringLiteral("GET") : method)},
                         {"path", toStd(*path)}};
        if (!body.is_null())
            check.request["body"] = body;
        check.expected = {{"status", intOr(arguments, "expect_status", 200)}};
        if (const Json& fields = objectAt(arguments, "expect_json"); !fields.empty())
            check.expected["json"] = fields;
        if (const QString text = args.optionalString("expect_text"); !text.isEmpty())
            check.expected["text"] = toStd(text);

        const ProbeRequest request = deployedRequest(
            settingsForProject(*m_services, context.projectId()), QUrl(base + path->mid(1)),
            QByteArray::fromStdString(check.request["method"]), body);
        auto* probe = new HttpProbe(request, context.owner);
        QObject::connect(probe, &HttpProbe::finished, probe,
                         [probe, done, check = std::move(check),
                          state = checkSheetBasis(context.state),
                          version = stringOr(deployment, "version")](const ProbeResult& r) mutable {
                             probe->deleteLater();
                             done(judge(std::move(check), r, state, version));
                         });
        probe->start();
    }

private:
    static ToolResult judge(CheckResult check, const ProbeResult& r, const Json& state,
                            const std::string& version)
    {
        const QString text = QString::fromUtf8(r.body);
        check.got = {{"status", r.status}, {"body", toStd(text.left(kShownBody))}};
        Json mismatches = Json::array();
        if (!r.ok) {
            check.got["error"] = toStd(r.error);
        } else {
            if (r.status != check.expected["status"].get<long long>())
                mismatches.push_back({{"field", "status"},
                                      {"expected", check.expected["status"]},
                                      {"got", r.status}});
            if (check.expected.contains("json")) {
                const Json answer = parseJson(r.body);
                if (answer.is_discarded() || answer.is_null())
                    mismatches.push_back(
                        {{"field", "(body)"}, {"expected", "JSON"}, {"got", "not JSON"}});
                for (Json& m : jsonMismatches(answer, check.expected["json"]))
                    mismatches.push_back(std::move(m));
            }
            if (check.expected.contains("text") &&
                !text.contains(toQ(check.expected["text"].get<std::string>())))
                mismatches.push_back({{"field", "(body)"},
                                      {"expected", "contains " + dumpJson(check.expected["text"])},
                                      {"got", toStd(text.left(300))}});
        }
        check.passed = r.ok && mismatches.empty();
        if (!mismatches.empty())
            check.got["mismatches"] = mismatches;
        ToolResult result = onTheSheet(state, version, check);
        if (!r.ok) {
            const Json sheet = result.stateUpdate["probes"];
            result = ToolResult::failure(QStringLiteral("%1: %2").arg(toQ(check.id), r.error));
            result.stateUpdate["probes"] = sheet;
        }
        return result;
    }

    Services m_services;
};

class BotCheckTool final : public Tool
{
public:
    explicit BotCheckTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {"check_bot",
                "Check one acceptance criterion of the deployed Telegram bot as a user: send it "
                "a message and compare its reply with what the spec says. Recorded on the check "
                "sheet under 'id' like check_http.",
                {{"type", "object"},
                 {"properties",
                  checkProperties(
                      {{"handle", argument("string", "the vault handle of the bot's token, "
                                                     "e.g. bot:weather")},
                       {"send", argument("string", "the message a user sends, e.g. /start")},
                       {"expect_text", argument("string", "text the bot's reply must contain")},
                       {"timeout_s", argument("integer",
                                              "how long to wait for a reply "
                                              "(default 15)",
                                              {{"minimum", 1}, {"maximum", 60}})}})},
                 {"required", {"id", "handle", "send", "expect_text"}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        done = scrubbing(*m_services, context, std::move(done));
        auto id = checkId(arguments);
        if (!id)
            return done(ToolResult::failure(id.error()));
        const Arguments args(arguments);
        auto handle = args.requiredString("handle");
        auto send = args.requiredString("send");
        auto expect = args.requiredString("expect_text");
        for (const auto* value : {&handle, &send, &expect})
            if (!*value)
                return done(ToolResult::failure(value->error()));
        auto token = botToken(*m_services, handle.value(), context.projectId());
        if (!token)
            return done(ToolResult::failure(token.error()));
        CheckResult check{*id, int(intOr(arguments, "criterion", 0)), "bot"};
        check.request = {{"handle", toStd(*handle)}, {"send", toStd(*send)}};
        check.expected = {{"text", toStd(*expect)}};
        const int timeoutMs = int(std::clamp(intOr(arguments, "timeout_s", 15), 1LL, 60LL)) * 1000;
        auto* talk = new BotConversation(settingsForProject(*m_services, context.projectId()),
                                         token.value(), timeoutMs, context.owner);
        const std::string version = stringOr(objectAt(context.state, "deployment"), "version");
        QObject::connect(
            talk, &BotConversation::finished, talk,
            [talk, done, check = std::move(check), state = checkSheetBasis(context.state), version,
             agent = context.agent.id](const BotExchange& exchange) mutable {
                talk->deleteLater();
                // The bot could not be reached: nothing is recorded. A bot that is not there
                // to take the message is its code's failure; a token, an API or a relay that
                // fails it is not.
                const bool itsCode =
                    exchange.fault == BotFault::NotPolling || exchange.fault == BotFault::NoReply;
                if (!exchange.ok)
                    return done(ToolResult::failure(itsCode ? FailureClass::Code
                                                            : FailureClass::Environment,
                                                    agent, "check_bot", exchange.error));
                const QString reply = exchange.replies.join(QLatin1Char('\n'));
                check.got = {{"replies", toStd(reply.left(kShownBody))}};
                if (exchange.replies.isEmpty())
                    check.got["error"] = "no reply within the time";
                check.passed = reply.contains(toQ(check.expected["text"].get<std::string>()));
                done(onTheSheet(state, version, check));
            });
        talk->send(*send);
    }

private:
    Services m_services;
};

// A worker answers no request: what it did shows in its log, which the check reads.
class LogCheckTool final : public Tool
{
public:
    explicit LogCheckTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {"check_log",
                "Check one acceptance criterion of a deployed worker (or any service) by its "
                "log: the last lines must contain the text the criterion promises. Recorded on "
                "the check sheet under 'id' like check_http.",
                {{"type", "object"},
                 {"properties",
                  checkProperties(
                      {{"expect_text", argument("string", "text a line of the log must contain")},
                       {"lines",
                        argument("integer", "how many of the last lines to search (default 200)",
                                 {{"minimum", 1}, {"maximum", 500}})}})},
                 {"required", {"id", "expect_text"}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        done = scrubbing(*m_services, context, std::move(done));
        auto id = checkId(arguments);
        if (!id)
            return done(ToolResult::failure(id.error()));
        auto expect = Arguments(arguments).requiredString("expect_text");
        if (!expect)
            return done(ToolResult::failure(expect.error()));
        CheckResult check{*id, int(intOr(arguments, "criterion", 0)), "log"};
        check.expected = {{"text", toStd(*expect)}};
        const int lines = int(std::clamp(intOr(arguments, "lines", 200), 1LL, 500LL));
        check.request = {{"lines", lines}};
        const std::string version = stringOr(objectAt(context.state, "deployment"), "version");
        readServiceLog(*m_services, context, lines,
                       [done, check = std::move(check), state = checkSheetBasis(context.state),
                        version, text = *expect](Result<QStringList> log) mutable {
                           if (!log)
                               return done(ToolResult::failure(log.error()));
                           done(recorded(state, version, std::move(check), text, *log));
                       });
    }

private:
    static ToolResult recorded(const Json& state, const std::string& version, CheckResult check,
                               const QString& text, const QStringList& log)
    {
        QString matching;
        for (const QString& line : log)
            if (line.contains(text))
                matching = line;
        check.passed = !matching.isEmpty();
        const QString shown =
            check.passed ? matching : log.mid(std::max<qsizetype>(0, log.size() - 5)).join('\n');
        check.got = {{check.passed ? "line" : "last_lines", toStd(shown.left(kShownBody))}};
        return onTheSheet(state, version, check);
    }

    Services m_services;
};

} // namespace

ProbeRequest deployedRequest(const DeploySettings& settings, const QUrl& url,
                             const QByteArray& method, const Json& body)
{
    ProbeRequest request{url,
                         settings.connectAddress(),
                         QSslCertificate::fromPath(settings.caRootFile()),
                         5000,
                         method,
                         body.is_null() ? QByteArray() : toBytes(body),
                         body.is_null() ? QByteArray() : QByteArray("application/json")};
    return request;
}

std::vector<std::unique_ptr<Tool>> makeCheckTools(std::shared_ptr<const DeployServices> services)
{
    std::vector<std::unique_ptr<Tool>> tools;
    tools.push_back(std::make_unique<HttpCheckTool>(services));
    tools.push_back(std::make_unique<BotCheckTool>(services));
    tools.push_back(std::make_unique<LogCheckTool>(services));
    return tools;
}

} // namespace orch
