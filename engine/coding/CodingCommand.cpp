#include "coding/CodingCommand.h"

#include <QDir>

namespace orch {
namespace {

QString prompt(const QString& taskFile)
{
    return QStringLiteral("Your task is in the file %1: read it and do it. End with one "
                          "line that says what you changed; it becomes the commit message.")
        .arg(taskFile);
}

// A node's own flags: --name value, or --name for true.
Result<QStringList> flagsOf(const CodingAgentSettings& settings)
{
    QStringList flags;
    const QStringList reserved = reservedCodingFlags(settings.program);
    for (auto it = settings.settings.begin(); it != settings.settings.end(); ++it) {
        const QString name = toQ(it.key());
        if (reserved.contains(name))
            return Error{QStringLiteral("the orchestrator sets --%1 itself").arg(name)};
        if (it->is_boolean()) {
            if (it->get<bool>())
                flags << QStringLiteral("--") + name;
        } else if (it->is_string()) {
            flags << QStringLiteral("--") + name << toQ(it->get<std::string>());
        } else if (it->is_number()) {
            flags << QStringLiteral("--") + name << toQ(dumpJson(*it));
        } else {
            return Error{
                QStringLiteral("setting %1 must be a string, a number or a boolean").arg(name)};
        }
    }
    return flags;
}

void common(CodingLaunch& launch, const CodingPlace& place)
{
    launch.environment.push_back({QStringLiteral("HOME"), place.home});
    launch.environment.push_back(
        {QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin")});
    launch.environment.push_back({QStringLiteral("LANG"), QStringLiteral("C.UTF-8")});
    if (!place.proxyUrl.isEmpty())
        for (const char* name : {"HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"})
            launch.environment.push_back({QLatin1String(name), place.proxyUrl});
}

} // namespace

Result<CodingLaunch> codingLaunch(const CodingAgentSettings& settings, const CodingPlace& place,
                                  const QString& resumeSession)
{
    auto flags = flagsOf(settings);
    if (!flags)
        return flags.failure();
    CodingLaunch launch;
    common(launch, place);
    if (settings.program == QLatin1String("claude")) {
        launch.program = QStringLiteral("claude");
        launch.arguments = {QStringLiteral("-p"),
                            prompt(place.taskFile),
                            QStringLiteral("--output-format"),
                            QStringLiteral("stream-json"),
                            QStringLiteral("--verbose"),
                            QStringLiteral("--permission-mode"),
                            QStringLiteral("bypassPermissions")};
        if (!settings.model.isEmpty())
            launch.arguments << QStringLiteral("--model") << settings.model;
        if (!resumeSession.isEmpty())
            launch.arguments << QStringLiteral("--resume") << resumeSession;
        launch.arguments << flags.value();
        launch.environment.push_back({QStringLiteral("CLAUDE_CONFIG_DIR"),
                                      QDir(place.home).filePath(QStringLiteral(".claude"))});
        // Nothing but the model's traffic: no updates, telemetry or error reports.
        for (const char* name :
             {"DISABLE_AUTOUPDATER", "DISABLE_TELEMETRY", "DISABLE_ERROR_REPORTING",
              "CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC"})
            launch.environment.push_back({QLatin1String(name), QStringLiteral("1")});
        if (!place.baseUrl.isEmpty())
            launch.environment.push_back({QStringLiteral("ANTHROPIC_BASE_URL"), place.baseUrl});
        launch.keyVariables = {QStringLiteral("ANTHROPIC_API_KEY")};
        launch.dialect = CodingStreamReader::Dialect::ClaudeCode;
        return launch;
    }
    if (settings.program == QLatin1String("codex")) {
        launch.program = QStringLiteral("codex");
        launch.arguments = {QStringLiteral("exec"),
                            QStringLiteral("--json"),
                            QStringLiteral("--sandbox"),
                            QStringLiteral("danger-full-access"),
                            QStringLiteral("--skip-git-repo-check"),
                            QStringLiteral("-C"),
                            place.workspace};
        if (!settings.model.isEmpty())
            launch.arguments << QStringLiteral("-m") << settings.model;
        launch.arguments << flags.value();
        if (!resumeSession.isEmpty())
            launch.arguments << QStringLiteral("resume") << resumeSession;
        launch.arguments << prompt(place.taskFile);
        launch.environment.push_back(
            {QStringLiteral("CODEX_HOME"), QDir(place.home).filePath(QStringLiteral(".codex"))});
        if (!place.baseUrl.isEmpty())
            launch.environment.push_back({QStringLiteral("OPENAI_BASE_URL"), place.baseUrl});
        launch.keyVariables = {QStringLiteral("CODEX_API_KEY"), QStringLiteral("OPENAI_API_KEY")};
        launch.dialect = CodingStreamReader::Dialect::Codex;
        return launch;
    }
    if (settings.program != QLatin1String("command") || settings.command.isEmpty())
        return Error{QStringLiteral("unknown coding agent program '%1'").arg(settings.program)};
    QStringList words;
    for (QString word : settings.command)
        words << word.replace(QLatin1String("{task_file}"), place.taskFile)
                     .replace(QLatin1String("{model}"), settings.model)
                     .replace(QLatin1String("{workspace}"), place.workspace);
    launch.program = words.takeFirst();
    launch.arguments = words + flags.value();
    launch.keyVariables = {QStringLiteral("CODING_AGENT_API_KEY")};
    launch.jsonStream = false;
    return launch;
}

} // namespace orch
