// Tester and DevOps tools: check a Telegram bot's token, read the service's log. The checks
// of acceptance criteria are in CheckTools.cpp.

#include "deploy/Deployer.h"
#include "deploy/HttpProbe.h"
#include "deploy/ServerAccess.h"
#include "tools/Arguments.h"
#include "tools/DeployTools.h"
#include "tools/ProjectSecretScrub.h"

#include <QDir>
#include <QFile>

namespace orch {
namespace {

using Services = std::shared_ptr<const DeployServices>;

// Tester: a Telegram bot's token works (getMe) against the configured Bot API base. The token
// comes from the vault by handle and travels only in the request path.
class TelegramProbeTool final : public Tool
{
public:
    explicit TelegramProbeTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {"telegram_probe",
                "Check that a Telegram bot's token works (getMe) and return the bot's username.",
                {{"type", "object"},
                 {"properties",
                  {{"handle",
                    argument("string", "the vault handle of the bot token, e.g. bot:weather")}}},
                 {"required", {"handle"}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        done = scrubbing(*m_services, context, std::move(done));
        auto handle = Arguments(arguments).requiredString("handle");
        if (!handle)
            return done(ToolResult::failure(handle.error()));
        auto token = botToken(*m_services, handle.value(), context.projectId());
        if (!token)
            return done(ToolResult::failure(token.error()));
        const QUrl base(m_services->settings.telegramApiBase);
        ProbeRequest request{QUrl(base.toString() + QStringLiteral("/bot") +
                                  QString::fromUtf8(token.value()) + QStringLiteral("/getMe")),
                             {},
                             {},
                             10000};
        auto* probe = new HttpProbe(request, context.owner);
        const QString shown = handle.value();
        QObject::connect(
            probe, &HttpProbe::finished, probe, [probe, done, shown](const ProbeResult& r) {
                probe->deleteLater();
                const Json body = parseJson(r.body);
                if (!r.ok) // the error names the host, never the path with the token
                    return done(ToolResult::failure(
                        QStringLiteral("getMe for %1: %2").arg(shown, r.error)));
                if (r.status != 200 || !body.is_object() || !boolOr(body, "ok", false))
                    return done(ToolResult::failure(
                        QStringLiteral("getMe for %1: HTTP %2 %3")
                            .arg(shown)
                            .arg(r.status)
                            .arg(toQ(body.is_object() ? stringOr(body, "description") : ""))));
                const Json bot = objectAt(body, "result");
                done(ToolResult::success({{"handle", toStd(shown)},
                                          {"username", stringOr(bot, "username")},
                                          {"is_bot", boolOr(bot, "is_bot", false)}}));
            });
        probe->start();
    }

private:
    Services m_services;
};

class ServiceLogTool final : public Tool
{
public:
    explicit ServiceLogTool(Services services) : m_services(std::move(services)) {}

    ToolSpec spec() const override
    {
        return {"read_service_log",
                "The last lines of the deployed service's log.",
                {{"type", "object"},
                 {"properties",
                  {{"lines", argument("integer", "how many of the last lines (default 50)",
                                      {{"minimum", 1}, {"maximum", 500}})}}}}};
    }

    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override
    {
        done = scrubbing(*m_services, context, std::move(done));
        const int wanted = int(std::clamp(intOr(arguments, "lines", 50), 1LL, 500LL));
        readServiceLog(*m_services, context, wanted, [done](Result<QStringList> lines) {
            if (!lines)
                return done(ToolResult::failure(lines.error()));
            if (lines->isEmpty())
                return done(ToolResult::success(
                    {{"lines", Json::array()}, {"note", "the service has written no log"}}));
            Json tail = Json::array();
            for (const QString& line : *lines)
                tail.push_back(toStd(line));
            done(ToolResult::success({{"lines", std::move(tail)}}));
        });
    }

private:
    Services m_services;
};

// The last `wanted` non-empty lines of a log's last 256 KiB.
QStringList lastLines(const QByteArray& text, int wanted)
{
    const QList<QByteArray> lines = text.split('\n');
    QStringList tail;
    for (qsizetype i = std::max<qsizetype>(0, lines.size() - wanted); i < lines.size(); ++i)
        if (!lines[i].isEmpty())
            tail << QString::fromUtf8(lines[i]);
    return tail;
}

} // namespace

void readServiceLog(const DeployServices& services, const ToolContext& context, int wanted,
                    std::function<void(Result<QStringList>)> done)
{
    const QString service = toQ(stringOr(member(context.state, "deployment"), "service"));
    if (service.isEmpty())
        return done(Error{QStringLiteral("nothing is deployed yet")});
    if (!Deployer::isServiceName(service))
        return done(Error{QStringLiteral("the deployment names no service")});
    const DeploySettings settings = settingsForProject(services, context.projectId());
    const QString file =
        QDir(settings.deployRoot).filePath(service + QStringLiteral("/service.log"));
    if (settings.remote()) {
        // The log is on the project's server: its last 256 KiB, read over SSH.
        return runRemote(context.owner, *settings.server,
                         {QStringLiteral("tail"), QStringLiteral("-c"), QStringLiteral("262144"),
                          QStringLiteral("--"), file},
                         30000, [done, wanted, settings](const CommandOutput& output) {
                             if (!output.ok() && output.exitCode == 255)
                                 return done(
                                     Error{describeSshFailure(settings.server->server(), output)});
                             done(lastLines(output.out, wanted));
                         });
    }
    QFile log(file);
    if (!log.open(QIODevice::ReadOnly))
        return done(QStringList());
    log.seek(std::max<qint64>(0, log.size() - 262144));
    done(lastLines(log.readAll(), wanted));
}

DeploySettings settingsForProject(const DeployServices& services, const QString& projectId)
{
    if (!services.placedSettings)
        return services.settings;
    auto placed = services.placedSettings(projectId);
    // A server that cannot be reached now shows up as the probe's own error.
    return placed && placed->has_value() ? **placed : services.settings;
}

Result<QByteArray> botToken(const DeployServices& services, const QString& handle,
                            const QString& projectId)
{
    if (!handle.startsWith(QLatin1String("bot:")))
        return Error{QStringLiteral("'%1' is not a bot handle (bot:name)").arg(handle)};
    return services.revealSecret(handle, projectId);
}

std::vector<std::unique_ptr<Tool>> makeProbeTools(std::shared_ptr<const DeployServices> services)
{
    std::vector<std::unique_ptr<Tool>> tools;
    tools.push_back(std::make_unique<TelegramProbeTool>(services));
    tools.push_back(std::make_unique<ServiceLogTool>(services));
    return tools;
}

} // namespace orch
