#include "tools/SpecCheckTool.h"

#include "deploy/BotConversation.h"
#include "deploy/HttpProbe.h"
#include "tools/ApiSpec.h"
#include "tools/CheckSheet.h"
#include "tools/ProjectSecretScrub.h"
#include "workspace/ContainedFile.h"

#include <QFile>
#include <QUrlQuery>

namespace orch {
namespace {

using Services = std::shared_ptr<const DeployServices>;

// One spec check in flight: a request built from the spec's examples and what it must get.
struct Pending
{
    CheckResult check;
    ProbeRequest http;  // HTTP services
    QString botMessage; // bots
    QString botExpect;
    std::vector<int> statuses;
    std::map<int, QStringList> required;
};

// Runs the checks one after the other, folding each result into the sheet.
class SpecRun : public QObject
{
public:
    SpecRun(Services services, std::vector<Pending> pending, Json basis, std::string version,
            QByteArray botToken, DeploySettings botHost, ToolDone done, QObject* owner)
        : QObject(owner), m_services(std::move(services)), m_pending(std::move(pending)),
          m_basis(std::move(basis)), m_version(std::move(version)), m_botToken(std::move(botToken)),
          m_botHost(std::move(botHost)), m_done(std::move(done))
    {
    }
    void next();

private:
    void record(CheckResult check);

    Services m_services;
    std::vector<Pending> m_pending;
    size_t m_at = 0;
    Json m_basis;
    std::string m_version;
    QByteArray m_botToken;
    DeploySettings m_botHost; // where the bot runs: its relay is asked there
    ToolDone m_done;
    Json m_results = Json::array();
};

void SpecRun::record(CheckResult check)
{
    const Json sheet = recordCheck(m_basis, m_version, check);
    m_basis["probes"] = sheet;
    m_results.push_back({{"check", check.id}, {"passed", check.passed}, {"got", check.got}});
    ++m_at;
    next();
}

void SpecRun::next()
{
    if (m_at == m_pending.size()) {
        bool passed = true;
        for (const Json& result : m_results)
            passed = passed && boolOr(result, "passed", false);
        ToolResult result = ToolResult::success({{"all_passed", passed}, {"checks", m_results}});
        result.stateUpdate["probes"] = m_basis["probes"];
        m_done(std::move(result));
        return deleteLater();
    }
    const Pending& pending = m_pending[m_at];
    if (!pending.botMessage.isEmpty()) {
        auto* talk = new BotConversation(m_botHost, m_botToken, 10000, this);
        connect(talk, &BotConversation::finished, this, [this, talk](const BotExchange& e) {
            talk->deleteLater();
            CheckResult check = m_pending[m_at].check;
            const QString reply = e.replies.join(QLatin1Char('\n'));
            check.got = {{"replies", toStd(reply.left(2000))}};
            if (e.fault == BotFault::NoReply)
                check.got["error"] = "the bot took the message and answered nothing";
            else if (!e.ok)
                check.got["error"] = toStd(e.error);
            check.passed = e.ok && reply.contains(m_pending[m_at].botExpect);
            record(std::move(check));
        });
        return talk->send(pending.botMessage);
    }
    auto* probe = new HttpProbe(pending.http, this);
    connect(probe, &HttpProbe::finished, this, [this, probe](const ProbeResult& r) {
        probe->deleteLater();
        const Pending& pending = m_pending[m_at];
        CheckResult check = pending.check;
        check.got = {{"status", r.status}, {"body", r.body.left(2000).toStdString()}};
        QStringList missing;
        const Json answer = parseJson(r.body);
        if (auto fields = pending.required.find(r.status); fields != pending.required.end())
            for (const QString& field : fields->second)
                if (!answer.is_object() || !answer.contains(toStd(field)))
                    missing << field;
        if (!r.ok)
            check.got["error"] = toStd(r.error);
        if (!missing.isEmpty())
            check.got["missing_fields"] = toStd(missing.join(QStringLiteral(", ")));
        check.passed = r.ok && missing.isEmpty() &&
                       std::count(pending.statuses.begin(), pending.statuses.end(), r.status);
        record(std::move(check));
    });
    probe->start();
}

class SpecCheckTool final : public Tool
{
public:
    explicit SpecCheckTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {"check_spec",
                "Check the deployed project against the repository's api-spec.json: every "
                "operation's example request must get a declared status with the fields it "
                "requires, every bot command a reply containing the declared text. Each is "
                "recorded on the check sheet as \"spec: …\".",
                {{"type", "object"}, {"properties", Json::object()}}};
    }

    void invoke(const Json&, const ToolContext& context, ToolDone done) override
    {
        // The service's answers are on the check sheet: they may carry its secrets.
        done = scrubbing(*m_services, context, std::move(done));
        auto text = contained::read(context.workspace, ApiSpec::kFile, 64 * 1024);
        if (!text && text.code() == ErrorCode::NotFound)
            return done(ToolResult::failure(
                QStringLiteral("the repository has no api-spec.json (the Architect writes it "
                               "with write_api_spec); use check_http or check_bot")));
        if (!text)
            return done(ToolResult::failure(text.error()));
        auto spec = ApiSpec::fromJson(parseJson(text.value()));
        if (!spec)
            return done(ToolResult::failure(spec.error()));
        const Json deployment = objectAt(context.state, "deployment");
        std::vector<Pending> pending;
        QByteArray token;
        if (spec->kind == ApiSpec::Kind::Bot) {
            const QString handle =
                toQ(stringOr(objectAt(objectAt(context.state, "resources"), "env"), "BOT_TOKEN"));
            auto revealed = botToken(*m_services, handle, context.projectId());
            if (!revealed)
                return done(ToolResult::failure(revealed.error()));
            token = revealed.value();
            for (const BotCommand& command : spec->commands) {
                Pending p;
                p.check = {toStd(QStringLiteral("spec: ") + command.send.left(50)), 0, "bot"};
                p.check.request = {{"send", toStd(command.send)}};
                p.check.expected = {{"text", toStd(command.replyContains)}};
                p.botMessage = command.send;
                p.botExpect = command.replyContains;
                pending.push_back(std::move(p));
            }
        } else {
            const QString base = toQ(stringOr(deployment, "url"));
            if (base.isEmpty())
                return done(ToolResult::failure(QStringLiteral("nothing is deployed yet")));
            for (const ApiOperation& operation : spec->operations)
                pending.push_back(httpCheck(*spec, operation, base,
                                            settingsForProject(*m_services, context.projectId())));
        }
        auto* run = new SpecRun(m_services, std::move(pending), checkSheetBasis(context.state),
                                stringOr(deployment, "version"), token,
                                settingsForProject(*m_services, context.projectId()),
                                std::move(done), context.owner);
        run->next();
    }

private:
    Pending httpCheck(const ApiSpec& spec, const ApiOperation& operation, const QString& base,
                      const DeploySettings& settings) const
    {
        const Json& described =
            spec.document["paths"][toStd(operation.path)][toStd(operation.method.toLower())];
        QUrlQuery query;
        for (const Json& parameter : arrayAt(described, "parameters"))
            if (parameter.contains("example"))
                query.addQueryItem(toQ(stringOr(parameter, "name")),
                                   parameter["example"].is_string()
                                       ? toQ(parameter["example"].get<std::string>())
                                       : toQ(dumpJson(parameter["example"])));
        const Json& body = member(
            objectAt(objectAt(objectAt(described, "requestBody"), "content"), "application/json"),
            "example");
        QUrl url(base + operation.path.mid(1));
        url.setQuery(query);
        Pending p;
        p.check = {toStd(QStringLiteral("spec: ") + operation.name()), 0, "http"};
        p.check.request = {
            {"method", toStd(operation.method)},
            {"path", toStd(url.path() +
                           (query.isEmpty() ? QString() : QLatin1Char('?') + query.toString()))}};
        Json statuses = Json::array();
        for (const ApiResponse& response : operation.responses) {
            p.statuses.push_back(response.status);
            p.required[response.status] = response.required;
            statuses.push_back(response.status);
        }
        p.check.expected = {{"status_one_of", statuses}};
        p.http = deployedRequest(settings, url, operation.method.toUtf8(), body);
        return p;
    }

    Services m_services;
};

} // namespace

std::unique_ptr<Tool> makeSpecCheckTool(std::shared_ptr<const DeployServices> services)
{
    return std::make_unique<SpecCheckTool>(std::move(services));
}

} // namespace orch
