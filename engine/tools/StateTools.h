#pragma once
// Tools that act on the run itself rather than the outside world: handing off to another
// agent, asking the person, and writing a section of the project state.

#include "tools/Tool.h"

#include <memory>
#include <vector>

namespace orch {

class HandoffTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

// Ends a terminal agent's work: the run completes once its edges are followed.
class FinishTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

class AskHumanTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

// Writes its arguments object as one top-level state key (spec, plan, tests, report).
class StateWriterTool final : public Tool
{
public:
    StateWriterTool(std::string name, std::string description, std::string stateKey, Json schema);
    static std::vector<std::unique_ptr<Tool>> standardSet();

    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    std::string m_name;
    std::string m_description;
    std::string m_stateKey;
    Json m_schema;
};

} // namespace orch
