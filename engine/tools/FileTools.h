#pragma once
// Workspace file tools: read, write, list, search. All paths are confined by Workspace.
// Listing and search leave out what is not the project's own: .git, virtualenvs,
// node_modules, caches, and what the workspace's .gitignore names.

#include "tools/Tool.h"

#include <memory>

namespace orch {

class ReadFileTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

class SourceCheck;

class WriteFileTool final : public Tool
{
public:
    // check: the syntax check after a write (none: not checked).
    explicit WriteFileTool(std::shared_ptr<const SourceCheck> check = {})
        : m_check(std::move(check))
    {
    }
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    std::shared_ptr<const SourceCheck> m_check;
};

class ListFilesTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

class SearchFilesTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

} // namespace orch
