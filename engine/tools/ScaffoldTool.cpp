#include "tools/ScaffoldTool.h"

#include "deploy/ServiceContract.h"
#include "graph/ProjectState.h"
#include "sandbox/Sandbox.h"
#include "tools/Arguments.h"
#include "tools/TemplateText.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
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

    const QString copier = Sandbox(m_settings.sandbox).findProgram(QStringLiteral("copier"));
    if (!m_settings.copierTemplate.isEmpty() && !copier.isEmpty()) {
        // Copier runs the template's own tasks and code: in the sandbox, with the template
        // readable when it is a folder of this machine.
        SandboxSettings sandbox = m_settings.sandbox;
        if (QFileInfo(m_settings.copierTemplate).isAbsolute())
            sandbox.readOnlyPaths << m_settings.copierTemplate;
        QProcessEnvironment env;
        env.insert(QStringLiteral("PATH"), QStringLiteral("/usr/local/bin:/usr/bin:/bin"));
        env.insert(QStringLiteral("HOME"), QStringLiteral("/tmp"));
        env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
        auto command = Sandbox(sandbox).wrap(
            copier,
            {QStringLiteral("copy"), QStringLiteral("--defaults"), QStringLiteral("--data"),
             QStringLiteral("project_name=") + projectName, QStringLiteral("--data"),
             QStringLiteral("modules=") + modules->join(QLatin1Char(',')),
             m_settings.copierTemplate, workspace.value()},
            workspace.value(), env);
        if (!command)
            return done(
                ToolResult::failure(QStringLiteral("cannot run copier: %1").arg(command.error())));
        auto* process = new QProcess(context.owner);
        process->setProcessChannelMode(QProcess::MergedChannels);
        process->setStandardInputFile(QProcess::nullDevice());
        process->setProcessEnvironment(command->environment);
        process->setWorkingDirectory(command->workingDirectory);
        QTimer::singleShot(m_settings.copierTimeoutS * 1000, process,
                           [process] { process->kill(); });
        QObject::connect(process, &QProcess::finished, process,
                         [process, done, name](int code, QProcess::ExitStatus status) {
                             process->deleteLater();
                             const QString output =
                                 QString::fromUtf8(process->readAll()).right(4000);
                             if (status != QProcess::NormalExit || code != 0)
                                 return done(ToolResult::failure(
                                     QStringLiteral("copier failed (stopped, or exit code %1): %2")
                                         .arg(code)
                                         .arg(output)));
                             ToolResult result = ToolResult::success(
                                 {{"template", "copier"}, {"output", toStd(output)}});
                             result.stateUpdate["scaffold"] = {{"template", toStd(name.value())},
                                                               {"via", "copier"}};
                             done(std::move(result));
                         });
        process->start(command->program, command->arguments);
        return;
    }
    if (!bundledTemplates().contains(name.value()))
        return done(ToolResult::failure(
            QStringLiteral("unknown template '%1'; bundled: %2")
                .arg(name.value(), bundledTemplates().join(QStringLiteral(", ")))));
    copyBundled(name.value(), projectName, description, workspace.value(), std::move(done));
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
