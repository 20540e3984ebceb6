#pragma once
// The tools the engine offers, by name. The graph loader validates agents' tool lists
// against it; agents look their tools up here.

#include "tools/CommandTool.h"
#include "tools/DeployTools.h"
#include "tools/GitTools.h"
#include "tools/ScaffoldTool.h"
#include "tools/Tool.h"

#include <QSet>
#include <map>
#include <memory>

namespace orch {

struct ToolSettings
{
    CommandSettings commands;
    GitSettings git;
    DeployServices deploy;
    ScaffoldSettings scaffold;
    SandboxSettings sandbox; // for every process that runs model-chosen or model-written code
};

class ToolRegistry
{
public:
    // Every built-in tool: run state (handoff, ask_human, write_spec, ...), workspace files,
    // commands and git.
    static std::unique_ptr<ToolRegistry> withBuiltins(const ToolSettings& settings = {});

    void add(std::unique_ptr<Tool> tool);
    Tool* find(const QString& name) const;
    QSet<QString> names() const;
    std::vector<ToolSpec> specs() const; // by name

private:
    std::map<QString, std::unique_ptr<Tool>> m_tools;
};

} // namespace orch
