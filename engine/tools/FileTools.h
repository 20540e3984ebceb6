#pragma once
// Workspace file tools: read, write, list, search. All paths are confined by Workspace.

#include "tools/Tool.h"

namespace orch {

class ReadFileTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

class WriteFileTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
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
