#pragma once
// apply_patch: a unified diff over workspace files, applied all or nothing.

#include "tools/Tool.h"

namespace orch {

class PatchTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

} // namespace orch
