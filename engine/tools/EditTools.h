#pragma once
// The editor, as the best coding agents give it to a model: view a file with line numbers and
// a range, replace an exact piece of text that must occur once (with an error that shows the
// closest region when it does not), create a new file, insert lines. After every change of a
// source file, its syntax is checked and a complaint returned with the result.

#include "tools/SourceCheck.h"
#include "tools/Tool.h"

#include <memory>

namespace orch {

class ViewFileTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

class EditFileTool final : public Tool
{
public:
    explicit EditFileTool(std::shared_ptr<const SourceCheck> check) : m_check(std::move(check)) {}
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    std::shared_ptr<const SourceCheck> m_check;
};

class CreateFileTool final : public Tool
{
public:
    explicit CreateFileTool(std::shared_ptr<const SourceCheck> check) : m_check(std::move(check)) {}
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    std::shared_ptr<const SourceCheck> m_check;
};

class InsertLinesTool final : public Tool
{
public:
    explicit InsertLinesTool(std::shared_ptr<const SourceCheck> check) : m_check(std::move(check))
    {
    }
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    std::shared_ptr<const SourceCheck> m_check;
};

} // namespace orch
