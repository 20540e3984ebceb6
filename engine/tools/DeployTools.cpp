#include "tools/DeployTools.h"

#include "deploy/Deployer.h"
#include "graph/GraphDefinition.h"
#include "graph/ProjectState.h"
#include "store/ResourceAllocator.h"
#include "tools/Arguments.h"
#include "tools/ProjectSecretScrub.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QPointer>
#include <QRegularExpression>

namespace orch {
namespace {

using Services = std::shared_ptr<const DeployServices>;

// The service (and its domain) is named after the spec's title: a later project with the same
// title deploys a new release of the same service.
QString serviceName(const Json& state, const QString& projectId)
{
    QString title = StateView(state).spec().title;
    if (title.isEmpty())
        title = StateView(state).projectName();
    const QString slug = serviceSlug(title).left(40);
    return slug.isEmpty() ? QStringLiteral("app-") + projectId.left(8).toLower() : slug;
}

// Where the project's service is reached: the domain a person gave it, or <service>.<zone>.
QString domainOf(const DeployServices& services, const QString& projectId, const QString& service,
                 const DeploySettings& settings)
{
    const QString own = services.ownDomain ? services.ownDomain(projectId) : QString();
    return own.isEmpty() ? service + QLatin1Char('.') + settings.domainSuffix : own;
}

class DeployTool final : public Tool
{
public:
    explicit DeployTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {
            "deploy",
            "Deploy the last commit of the project: install the release, start the service, put "
            "it behind HTTPS and check /health. Rolls back to the previous release when the "
            "check fails. Commit first.",
            {{"type", "object"}, {"properties", Json::object()}}};
    }

    void invoke(const Json&, const ToolContext& context, ToolDone done) override
    {
        start(context, std::move(done), false);
    }
    // A deploy cut short by a crash may have gone through: a live release of HEAD is kept.
    void reconcile(const Json&, const ToolContext& context, ToolDone done) override
    {
        start(context, std::move(done), true);
    }

private:
    void start(const ToolContext& context, ToolDone done, bool afterCrash)
    {
        const DeployServices& services = *m_services;
        // The health evidence and the reason come from the service, which has the secrets.
        done = scrubbing(services, context, std::move(done));
        auto failed = [&context](FailureClass failureClass, const QString& reason) {
            return ToolResult::failure(failureClass, context.agent.id, "deploy", reason);
        };
        const QString projectId = context.projectId();
        // The committed deploy.json decides what it reserves and whether it listens (an
        // unreadable contract fails the deploy with its reason).
        auto contract = ServiceContract::read(context.workspace);
        DeploySettings settings = services.settings;
        if (services.targetFor) {
            auto target = services.targetFor(projectId, contract ? contract->memoryMb : 256);
            if (!target)
                return done(failed(FailureClass::Environment, target.error()));
            if (!target->waitReason.isEmpty()) {
                ToolResult wait;
                wait.waitForResources = target->waitReason;
                return done(std::move(wait));
            }
            if (target->server)
                settings = *target->server;
        }
        if (auto valid = settings.validate(); !valid)
            return done(failed(FailureClass::Environment, valid.error()));
        QString name = serviceName(context.state, projectId);
        if (services.claimServiceName) {
            auto claimed = services.claimServiceName(projectId, name);
            if (!claimed)
                return done(failed(FailureClass::Environment, claimed.error()));
            name = claimed.value();
        }
        if (services.approvalForRealDomains && !settings.internalTls()) {
            const Json approval = member(objectAt(context.state, "approvals"), "deploy");
            if (approval.is_boolean() && !approval.get<bool>())
                return done(failed(FailureClass::Person,
                                   QStringLiteral("the person rejected this deploy")));
            if (!approval.is_boolean()) {
                ToolResult ask = ToolResult::success({{"waiting_for_approval", true}});
                ask.question =
                    Json{{"agent", toStd(context.agent.id)},
                         {"text",
                          toStd(QStringLiteral("Deploy %1 to %2? This touches a real server "
                                               "and may cost money.")
                                    .arg(name,
                                         QStringLiteral("https://%1/")
                                             .arg(domainOf(services, projectId, name, settings))))},
                         {"options", {"approve", "reject"}},
                         {"kind", "approval"},
                         {"action", "deploy"}};
                ask.stateUpdate["question"] = *ask.question;
                return done(std::move(ask));
            }
        }
        const Json resources = StateView(context.state).resources();
        auto request = deployRequestFor(services, projectId, name, context.workspace, resources,
                                        !contract || contract->listens());
        if (!request)
            return done(failed(FailureClass::Environment, request.error()));
        const QString portHandle = request->port > 0 ? portHandleOf(projectId) : QString();
        const int attempt = int(intOr(objectAt(context.state, "deployment"), "attempt", 0)) + 1;
        const QString agent = context.agent.id;
        auto* deployer = new Deployer(settings, context.owner);
        QObject::connect(deployer, &Deployer::deployed, deployer,
                         [deployer, done, attempt, agent, portHandle, resources, projectId,
                          runId = context.runId, services = m_services,
                          name = request->name](const DeployOutcome& o) {
                             deployer->deleteLater();
                             if (!o.server.isEmpty() && services->markServer &&
                                 (o.serverUnreachable || o.hostKeyChanged))
                                 services->markServer(o.server,
                                                      o.hostKeyChanged
                                                          ? QStringLiteral("host_key_changed")
                                                          : QStringLiteral("unreachable"),
                                                      o.reason);
                             if (o.serverUnreachable) {
                                 // Not the project's fault: the run waits for the server.
                                 ToolResult wait;
                                 wait.waitForResources =
                                     QStringLiteral("%1; the deploy continues when it answers "
                                                    "(`orchestratord servers check %2`)")
                                         .arg(o.reason, o.server);
                                 return done(std::move(wait));
                             }
                             const std::string bot = stringOr(parseJson(o.healthBody), "bot");
                             const auto kind = o.contract.kind;
                             const QString url = deployedUrl(o);
                             Json deployment = {{"service", toStd(name)},
                                                {"server", toStd(o.server)},
                                                {"kind", toStd(ServiceContract::kindName(kind))},
                                                {"url", toStd(url)},
                                                {"version", toStd(o.release)},
                                                {"running", toStd(o.running)},
                                                {"previous", toStd(o.previous)},
                                                {"health", o.ok ? "ok" : "failed"},
                                                {"healthy", o.ok},
                                                {"attempt", attempt},
                                                {"health_checks", o.attempts},
                                                {"rolled_back", o.rolledBack}};
                             if (o.ok)
                                 deployment["evidence"] = o.healthBody.toStdString();
                             if (!bot.empty())
                                 deployment["bot"] = bot;
                             if (o.alreadyLive)
                                 deployment["already_live"] = true;
                             else
                                 deployment["reason"] = toStd(o.reason);
                             if (o.ok && services->recordDeployment)
                                 services->recordDeployment(
                                     deploymentRecord(projectId, runId, name, o, resources));
                             ToolResult result =
                                 o.ok ? ToolResult::success(deployment)
                                      : ToolResult::failure(o.failure, agent, "deploy", o.reason);
                             if (o.ok)
                                 result.stateUpdate["failure"] = nullptr;
                             if (!o.ok)
                                 result.output["deployment"] = deployment;
                             result.stateUpdate["deployment"] = deployment;
                             result.stateUpdate["resources"] = resources;
                             if (!portHandle.isEmpty())
                                 result.stateUpdate["resources"]["port"] = toStd(portHandle);
                             if (!o.ok)
                                 result.stateUpdate["errors"] =
                                     Json::array({{{"agent", toStd(agent)},
                                                   {"reason", toStd(o.reason.left(2000))},
                                                   {"attempt", attempt}}});
                             // Not the code's fault: the person is asked, and DevOps goes on
                             // with the answer (deploys again) instead of handing it back.
                             if (auto ask = personQuestionFor(o, resources, agent)) {
                                 result.ok = true;
                                 result.output = {{"deploy_failed", toStd(o.reason)},
                                                  {"failure_class", failureClassName(o.failure)},
                                                  {"asked_the_person", true},
                                                  {"deployment", deployment}};
                                 result.question = *ask;
                                 result.stateUpdate["question"] = *ask;
                             }
                             done(std::move(result));
                         });
        auto start = [deployer, afterCrash, request = request.value()] {
            if (afterCrash)
                deployer->deployUnlessLive(request);
            else
                deployer->deploy(request);
        };
        if (settings.internalTls() || !m_services->pointDomain)
            return start();
        // The name must resolve before the ACME server validates it.
        const QString domain = domainOf(*m_services, projectId, name, settings);
        m_services->pointDomain(
            projectId, domain, settings,
            [start, deployer = QPointer<Deployer>(deployer), done, agent,
             domain](Result<void> pointed) {
                if (!deployer)
                    return; // the run was cancelled meanwhile
                if (pointed)
                    return start();
                deployer->deleteLater();
                done(ToolResult::failure(FailureClass::Environment, agent, "deploy",
                                         QStringLiteral("the DNS record of %1 could not be set: %2")
                                             .arg(domain, pointed.error())));
            });
    }

    Services m_services;
};

// Zavhoz: the service gets a secret from the vault as an environment variable at deploy time.
// Only the handle enters the project state.
// Whether the model may name an environment variable of the service `name` (PORT and
// APP_VERSION, DATA_DIR are the deploy's own).
Result<void> settableVariable(const QString& name)
{
    static const QRegularExpression variable(QStringLiteral("^[A-Z][A-Z0-9_]{0,63}$"));
    if (!variable.match(name).hasMatch() || name == QLatin1String("PORT") ||
        name == QLatin1String("APP_VERSION") || name == QLatin1String("DATA_DIR"))
        return Error{QStringLiteral("'%1' is not a variable you can set").arg(name)};
    return {};
}

// Zavhoz asks the person for a secret the project needs (a bot token, an API key). The run
// waits; the answer goes to the vault as the project's own and is attached as `env`, and
// neither the model nor the state, the events or the log ever see the value.
class RequestSecretTool final : public Tool
{
public:
    explicit RequestSecretTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {"request_secret",
                "Ask the person for a secret the service needs (a bot token, an API key). It is "
                "stored in the vault under `handle` and attached as `env`; you never see it. "
                "Use attach_secret instead when the secret is already stored.",
                {{"type", "object"},
                 {"properties",
                  {{"handle", argument("string", "where to keep it: bot:<name> or key:<name>")},
                   {"env", argument("string", "the environment variable, e.g. BOT_TOKEN")},
                   {"text", argument("string", "what to ask the person, e.g. which bot's token")}}},
                 {"required", {"handle", "env", "text"}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        static const QRegularExpression handlePattern(
            QStringLiteral("^(bot|key):[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
        const Arguments args(arguments);
        auto handle = args.requiredString("handle");
        auto env = args.requiredString("env");
        auto text = args.requiredString("text");
        if (!handle || !env || !text)
            return done(ToolResult::failure(!handle ? handle.error()
                                                    : (!env ? env.error() : text.error())));
        if (!handlePattern.match(handle.value()).hasMatch())
            return done(ToolResult::failure(
                QStringLiteral("'%1' is not a handle to ask for (bot:<name> or key:<name>)")
                    .arg(handle.value())));
        if (auto settable = settableVariable(env.value()); !settable)
            return done(ToolResult::failure(settable.error()));
        const QString projectId = context.projectId();
        if (m_services->revealSecret && m_services->revealSecret(handle.value(), projectId)) {
            Json resources = StateView(context.state).resources();
            resources["env"][toStd(env.value())] = toStd(handle.value());
            ToolResult result = ToolResult::success(
                {{"attached", toStd(handle.value())},
                 {"as", toStd(env.value())},
                 {"note", "the project already had this secret; nobody was asked"}});
            result.stateUpdate["resources"] = resources;
            return done(std::move(result));
        }
        ToolResult ask = ToolResult::success({{"waiting_for_secret", toStd(handle.value())}});
        ask.question = Json{{"agent", toStd(context.agent.id)},
                            {"text", toStd(text->left(1000))},
                            {"kind", "secret"},
                            {"handle", toStd(handle.value())},
                            {"env", toStd(env.value())}};
        ask.stateUpdate["question"] = *ask.question;
        done(std::move(ask));
    }

private:
    Services m_services;
};

class AttachSecretTool final : public Tool
{
public:
    explicit AttachSecretTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {
            "attach_secret",
            "Give the deployed service a secret from the vault as an environment variable. "
            "You name the variable and the secret's handle (e.g. bot:weather); you never see "
            "the value.",
            {{"type", "object"},
             {"properties",
              {{"env", argument("string", "the environment variable to set, e.g. BOT_TOKEN")},
               {"handle", argument("string", "the vault handle of the secret, e.g. bot:weather")}}},
             {"required", {"env", "handle"}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        const Arguments args(arguments);
        auto env = args.requiredString("env");
        auto handle = args.requiredString("handle");
        if (!env || !handle)
            return done(ToolResult::failure(!env ? env.error() : handle.error()));
        if (auto settable = settableVariable(env.value()); !settable)
            return done(ToolResult::failure(settable.error()));
        if (auto exists = m_services->revealSecret(handle.value(), context.projectId()); !exists)
            return done(ToolResult::failure(exists.error()));
        Json resources = StateView(context.state).resources();
        resources["env"][toStd(env.value())] = toStd(handle.value());
        ToolResult result =
            ToolResult::success({{"attached", toStd(handle.value())}, {"as", toStd(env.value())}});
        result.stateUpdate["resources"] = resources;
        done(std::move(result));
    }

private:
    Services m_services;
};

} // namespace

QString serviceSlug(const QString& title)
{
    static const QRegularExpression nonAlnum(QStringLiteral("[^a-z0-9]+"));
    QString slug = title.toLower();
    slug.replace(nonAlnum, QStringLiteral("-"));
    while (slug.startsWith(QLatin1Char('-')))
        slug.remove(0, 1);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    return slug;
}

std::vector<std::unique_ptr<Tool>> makeDeployTools(std::shared_ptr<const DeployServices> services)
{
    std::vector<std::unique_ptr<Tool>> tools;
    tools.push_back(std::make_unique<DeployTool>(services));
    tools.push_back(std::make_unique<AttachSecretTool>(services));
    tools.push_back(std::make_unique<RequestSecretTool>(services));
    for (auto& tool : makeProbeTools(services))
        tools.push_back(std::move(tool));
    for (auto& tool : makeCheckTools(services))
        tools.push_back(std::move(tool));
    return tools;
}

} // namespace orch
