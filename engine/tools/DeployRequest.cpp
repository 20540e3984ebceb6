// From a project's state to a deploy and back: the request (its port, its secrets as
// environment), and what the watcher keeps of a successful outcome. Shared by the deploy tool
// and by redeploy and rollback, which run without a model.
#include "deploy/Deployer.h"
#include "store/ResourceAllocator.h"
#include "tools/DeployTools.h"

namespace orch {

QString portHandleOf(const QString& projectId)
{
    return QStringLiteral("port:") + projectId;
}

Result<DeployRequest> deployRequestFor(const DeployServices& services, const QString& projectId,
                                       const QString& name, const QString& workspace,
                                       const Json& resources, bool listens)
{
    DeployRequest request;
    request.name = name;
    request.workspace = workspace;
    if (services.ownDomain)
        request.domain = services.ownDomain(projectId);
    // Only what listens gets a port.
    if (listens) {
        if (!services.allocatePort)
            return Error{QStringLiteral("no ports to hand out")};
        auto port =
            services.allocatePort(projectId, services.servicePortFirst, services.servicePortLast);
        if (!port)
            return port.failure();
        request.port = port->value.toInt();
    }
    const Json envHandles = objectAt(resources, "env");
    for (auto it = envHandles.begin(); it != envHandles.end(); ++it) {
        if (!it->is_string())
            continue;
        if (!services.revealSecret)
            return Error{QStringLiteral("no vault to read %1 from").arg(toQ(it.key()))};
        auto secret = services.revealSecret(toQ(it->get<std::string>()), projectId);
        if (!secret)
            return secret.failure();
        request.env[toQ(it.key())] = secret.value();
    }
    return request;
}

QString deployedUrl(const DeployOutcome& o)
{
    // A bot is reached at t.me/<its name>; a worker at no URL.
    if (o.contract.kind == ServiceContract::Kind::TelegramBot) {
        const std::string bot = stringOr(parseJson(o.healthBody), "bot");
        return bot.size() > 1 ? QStringLiteral("https://t.me/") + toQ(bot.substr(1)) : QString();
    }
    return o.contract.kind == ServiceContract::Kind::Worker ? QString() : o.url;
}

DeploymentRecord deploymentRecord(const QString& projectId, const QString& runId,
                                  const QString& service, const DeployOutcome& o,
                                  const Json& resources)
{
    DeploymentRecord record;
    record.projectId = projectId;
    record.runId = runId;
    record.service = service;
    record.server = o.server;
    record.kind = ServiceContract::kindName(o.contract.kind);
    record.url = deployedUrl(o);
    record.version = o.running;
    record.previous = o.previous == o.running ? QString() : o.previous;
    const Json token = member(objectAt(resources, "env"), "BOT_TOKEN");
    if (token.is_string())
        record.botHandle = toQ(token.get<std::string>());
    return record;
}

} // namespace orch

namespace orch {

std::optional<Json> personQuestionFor(const DeployOutcome& o, const Json& resources,
                                      const QString& agent)
{
    // Written for the person: what happened and what to do, not the agents' reason.
    const QString stopped =
        o.stopped ? QStringLiteral(" The new bot is stopped until then.") : QString();
    QString text;
    switch (o.botFault) {
    case BotFault::TokenRefused: {
        // A new token goes to the vault under the same handle; the deploy then runs again.
        const QString handle = toQ(stringOr(objectAt(resources, "env"), "BOT_TOKEN"));
        if (handle.isEmpty())
            return std::nullopt;
        return Json{{"agent", toStd(agent)},
                    {"kind", "secret"},
                    {"handle", toStd(handle)},
                    {"env", "BOT_TOKEN"},
                    {"text", toStd(QStringLiteral("Telegram refused the bot's token (revoked or "
                                                  "mistyped), so the bot could not go live.%1 "
                                                  "Send its current token from @BotFather "
                                                  "(/mybots → API Token): it goes to the vault, "
                                                  "no agent sees it.")
                                       .arg(stopped))}};
    }
    case BotFault::Conflict:
        text = QStringLiteral("Another process polls this bot's token, so Telegram gives it the "
                              "messages meant for the new bot (409 Conflict).%1 Stop that "
                              "process, or give this bot a token of its own from @BotFather, "
                              "then answer \"retry\".")
                   .arg(stopped);
        break;
    case BotFault::ApiUnreachable:
        text = QStringLiteral("The bot's server cannot reach the Telegram Bot API, so the bot "
                              "could not go live.%1 What failed: %2\nAnswer \"retry\" once the "
                              "server can reach api.telegram.org.")
                   .arg(stopped, o.reason.left(400));
        break;
    default:
        return std::nullopt;
    }
    return Json{
        {"agent", toStd(agent)}, {"text", toStd(text)}, {"options", Json::array({"retry"})}};
}

} // namespace orch
