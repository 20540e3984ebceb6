#include "tools/ScaffoldTool.h"

#include "core/Log.h"
#include "deploy/ServiceContract.h"
#include "graph/ProjectState.h"
#include "sandbox/Sandbox.h"
#include "tools/Arguments.h"
#include "tools/ProjectFiles.h"
#include "tools/TemplateText.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSet>
#include <QStandardPaths>
#include <QTimer>

namespace orch {
namespace {
const QString kTemplates = QStringLiteral(":/templates");
}

ScaffoldTool::ScaffoldTool(ScaffoldSettings settings) : m_settings(std::move(settings)) {}

QStringList ScaffoldTool::bundledTemplates()
{
    return QDir(kTemplates).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
}

ToolSpec ScaffoldTool::spec() const
{
    Json names = Json::array();
    QStringList described;
    for (const QString& name : bundledTemplates()) {
        names.push_back(toStd(name));
        auto contract = ServiceContract::read(kTemplates + QLatin1Char('/') + name);
        described << QStringLiteral("%1 (%2)").arg(
            name, contract ? ServiceContract::kindName(contract->kind) : QStringLiteral("?"));
    }
    return {
        "scaffold",
        toStd(QStringLiteral("Create the project's starting files from a template (Makefile with "
                             "a test target, unit tests, CI workflow, deploy.json saying how it "
                             "runs, requirements.txt for packages). Existing files are kept. "
                             "Templates: %1.")
                  .arg(described.join(QStringLiteral(", ")))),
        {{"type", "object"},
         {"properties",
          {{"template",
            argument("string", "which bundled template to start from", {{"enum", names}})},
           {"project_name", argument("string", "the project's name (default: the project's own)")},
           {"modules", argument("array", "names of Python modules to create with a test each",
                                {{"items", {{"type", "string"}}}})}}},
         {"required", {"template"}}}};
}

void ScaffoldTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto name = args.requiredString("template");
    if (!name)
        return done(ToolResult::failure(name.error()));
    auto modules = args.optionalStringList("modules");
    if (!modules)
        return done(ToolResult::failure(modules.error()));
    auto workspace = Workspace(context.workspace).resolve(QStringLiteral("."));
    if (!workspace)
        return done(ToolResult::failure(workspace.error()));
    QString projectName = args.optionalString("project_name");
    if (projectName.isEmpty())
        projectName = StateView(context.state).projectName();
    QString description = StateView(context.state).spec().summary;
    if (description.isEmpty())
        description = toQ(stringOr(member(context.state, "project"), "description"));

    if (!m_settings.copierTemplate.isEmpty()) {
        const QString copier =
            m_settings.copierProgram.isEmpty()
                ? Sandbox(m_settings.sandbox).findProgram(QStringLiteral("copier"))
                : m_settings.copierProgram;
        if (!copier.isEmpty() && QFileInfo(copier).isExecutable())
            return runCopier(copier, projectName, modules.value(), workspace.value(), context,
                             std::move(done));
        // Without copier the bundled templates still work; the settings say which is wanted.
        log::get("tools")->warn("scaffold.copier_template is set but copier is not installed; "
                                "using the bundled template");
    }
    if (!bundledTemplates().contains(name.value()))
        return done(ToolResult::failure(
            QStringLiteral("unknown template '%1'; bundled: %2")
                .arg(name.value(), bundledTemplates().join(QStringLiteral(", ")))));
    copyBundled(name.value(), projectName, description, workspace.value(), std::move(done));
}

namespace {

// The project's files (not .git, environments or caches), to tell what a run wrote.
QSet<QString> filesIn(const QString& workspace)
{
    QSet<QString> files;
    ProjectFiles(workspace).walk(workspace, [&](const QString& relative) {
        files.insert(relative);
        return files.size() < 10000;
    });
    return files;
}

} // namespace

void ScaffoldTool::runCopier(const QString& copier, const QString& projectName,
                             const QStringList& modules, const QString& workspace,
                             const ToolContext& context, ToolDone done) const
{
    // Copier runs the template's own code: in the sandbox, with the template (when it is a
    // folder of this machine) and the program readable, for at most the timeout.
    SandboxSettings sandbox = m_settings.sandbox.forProject(context.projectId());
    if (QFileInfo(m_settings.copierTemplate).isAbsolute())
        sandbox.readOnlyPaths << m_settings.copierTemplate;
    if (!copier.startsWith(QLatin1String("/usr/")))
        sandbox.readOnlyPaths << QFileInfo(copier).absolutePath();
    QProcessEnvironment env;
    env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    QStringList arguments = {
        QStringLiteral("copy"),   QStringLiteral("--defaults"),
        QStringLiteral("--data"), QStringLiteral("project_name=") + projectName,
        QStringLiteral("--data"), QStringLiteral("modules=") + modules.join(QLatin1Char(','))};
    if (m_settings.copierTrust)
        arguments << QStringLiteral("--trust");
    arguments << m_settings.copierTemplate << workspace;
    auto command = Sandbox(sandbox).wrap(copier, arguments, workspace, env);
    if (!command)
        return done(
            ToolResult::failure(QStringLiteral("cannot run copier: %1").arg(command.error())));
    const QSet<QString> before = filesIn(workspace);
    auto* process = new QProcess(context.owner);
    process->setProcessChannelMode(QProcess::MergedChannels);
    process->setStandardInputFile(QProcess::nullDevice());
    process->setProcessEnvironment(command->environment);
    process->setWorkingDirectory(command->workingDirectory);
    auto timedOut = std::make_shared<bool>(false);
    QTimer::singleShot(m_settings.copierTimeoutS * 1000, process, [process, timedOut] {
        *timedOut = true;
        process->kill();
    });
    const int timeoutS = m_settings.copierTimeoutS;
    const QString source = m_settings.copierTemplate;
    QObject::connect(
        process, &QProcess::finished, process,
        [process, done, before, workspace, timedOut, timeoutS,
         source](int code, QProcess::ExitStatus status) {
            process->deleteLater();
            const QString output = QString::fromUtf8(process->readAll()).right(4000);
            if (*timedOut)
                return done(ToolResult::failure(
                    QStringLiteral("copier took longer than %1 s and was stopped: %2")
                        .arg(timeoutS)
                        .arg(output)));
            if (status != QProcess::NormalExit || code != 0)
                return done(ToolResult::failure(
                    QStringLiteral("copier failed (exit code %1): %2").arg(code).arg(output)));
            QStringList written = QStringList(filesIn(workspace).subtract(before).values());
            written.sort();
            Json created = Json::array();
            for (const QString& file : written)
                created.push_back(toStd(file));
            auto contract = ServiceContract::read(workspace);
            const Json declared = contract ? contract->toJson() : Json();
            ToolResult result = ToolResult::success({{"template", toStd(source)},
                                                     {"via", "copier"},
                                                     {"created", created},
                                                     {"contract", declared},
                                                     {"output", toStd(output.right(2000))}});
            result.stateUpdate["scaffold"] = {{"template", toStd(source)},
                                              {"via", "copier"},
                                              {"files", created},
                                              {"contract", declared}};
            done(std::move(result));
        });
    process->start(command->program, command->arguments);
}

void ScaffoldTool::copyBundled(const QString& name, const QString& projectName,
                               const QString& description, const QString& workspace,
                               ToolDone done) const
{
    const QString source = kTemplates + QLatin1Char('/') + name;
    Json created = Json::array();
    Json kept = Json::array();
    QDirIterator it(source, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString from = it.next();
        const QString relative = QDir(source).relativeFilePath(from);
        auto target = Workspace(workspace).resolve(relative);
        if (!target)
            return done(ToolResult::failure(target.error()));
        const QString to = target.value();
        if (QFileInfo::exists(to) || QFileInfo(to).isSymLink()) {
            kept.push_back(toStd(relative));
            continue;
        }
        QFile input(from);
        if (!input.open(QIODevice::ReadOnly))
            return done(
                ToolResult::failure(QStringLiteral("cannot read template file %1").arg(relative)));
        auto text = fillTemplate(QString::fromUtf8(input.readAll()),
                                 {{QStringLiteral("project_name"), projectName},
                                  {QStringLiteral("description"), description}},
                                 relative.endsWith(QLatin1String(".py")));
        if (!text)
            return done(ToolResult::failure(QStringLiteral("%1: %2").arg(relative, text.error())));
        QDir().mkpath(QFileInfo(to).absolutePath());
        QFile output(to);
        if (!output.open(QIODevice::WriteOnly) || output.write(text->toUtf8()) < 0)
            return done(ToolResult::failure(QStringLiteral("cannot write %1").arg(relative)));
        created.push_back(toStd(relative));
    }
    std::sort(created.begin(), created.end());
    // What the project is and how it runs, for every agent after this one (in the state).
    auto contract = ServiceContract::read(source);
    const Json declared = contract ? contract->toJson() : Json();
    ToolResult result = ToolResult::success(
        {{"template", toStd(name)}, {"created", created}, {"kept", kept}, {"contract", declared}});
    result.stateUpdate["scaffold"] = {
        {"template", toStd(name)}, {"via", "bundled"}, {"files", created}, {"contract", declared}};
    done(std::move(result));
}

} // namespace orch
