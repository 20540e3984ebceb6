#include "tools/ToolRegistry.h"

#include "tools/ApiSpecTool.h"
#include "tools/EditTools.h"
#include "tools/FileTools.h"
#include "tools/PatchTool.h"
#include "tools/SpecCheckTool.h"
#include "tools/StateTools.h"

namespace orch {

std::unique_ptr<ToolRegistry> ToolRegistry::withBuiltins(const ToolSettings& settings)
{
    auto registry = std::make_unique<ToolRegistry>();
    registry->add(std::make_unique<HandoffTool>());
    registry->add(std::make_unique<AskHumanTool>());
    registry->add(std::make_unique<FinishTool>());
    for (auto& tool : StateWriterTool::standardSet())
        registry->add(std::move(tool));
    CommandSettings commands = settings.commands;
    commands.sandbox = settings.sandbox;
    commands.python = settings.deploy.settings.python;
    auto sourceCheck = std::make_shared<const SourceCheck>(commands);
    registry->add(std::make_unique<ReadFileTool>());
    registry->add(std::make_unique<WriteFileTool>(sourceCheck));
    registry->add(std::make_unique<ViewFileTool>());
    registry->add(std::make_unique<EditFileTool>(sourceCheck));
    registry->add(std::make_unique<CreateFileTool>(sourceCheck));
    registry->add(std::make_unique<InsertLinesTool>(sourceCheck));
    registry->add(std::make_unique<ListFilesTool>());
    registry->add(std::make_unique<SearchFilesTool>());
    registry->add(std::make_unique<PatchTool>());
    ScaffoldSettings scaffold = settings.scaffold;
    scaffold.sandbox = settings.sandbox;
    registry->add(std::make_unique<CommandTool>(commands));
    registry->add(std::make_unique<RunTestsTool>(commands));
    registry->add(std::make_unique<ScaffoldTool>(scaffold));
    registry->add(std::make_unique<ApiSpecTool>());
    for (auto& tool : makeGitTools(std::make_shared<const GitSettings>(settings.git)))
        registry->add(std::move(tool));
    DeployServices deploy = settings.deploy;
    deploy.settings.sandbox = settings.sandbox;
    const auto services = std::make_shared<const DeployServices>(deploy);
    for (auto& tool : makeDeployTools(services))
        registry->add(std::move(tool));
    registry->add(makeSpecCheckTool(services));
    return registry;
}

void ToolRegistry::add(std::unique_ptr<Tool> tool)
{
    const QString name = toQ(tool->spec().name);
    m_tools[name] = std::move(tool);
}

Tool* ToolRegistry::find(const QString& name) const
{
    const auto it = m_tools.find(name);
    return it == m_tools.end() ? nullptr : it->second.get();
}

QSet<QString> ToolRegistry::names() const
{
    QSet<QString> names;
    for (const auto& [name, tool] : m_tools)
        names.insert(name);
    return names;
}

std::vector<ToolSpec> ToolRegistry::specs() const
{
    std::vector<ToolSpec> specs;
    for (const auto& [name, tool] : m_tools)
        specs.push_back(tool->spec());
    return specs;
}

} // namespace orch
