#pragma once
// The tools the engine offers, by name. The graph loader validates agents' tool lists
// against it; agents look their tools up here.

#include "tools/Tool.h"

#include <QSet>

#include <map>
#include <memory>

namespace orch {

class ToolRegistry
{
public:
    // A registry holding the built-in state tools (handoff, ask_human, write_spec, ...).
    static std::unique_ptr<ToolRegistry> withBuiltins();

    void add(std::unique_ptr<Tool> tool);
    Tool* find(const QString& name) const;
    QSet<QString> names() const;

private:
    std::map<QString, std::unique_ptr<Tool>> m_tools;
};

} // namespace orch
