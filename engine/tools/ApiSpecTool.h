#pragma once
// write_api_spec (Architect): the machine-readable spec into the repository as api-spec.json,
// with contract tests derived from it (test_contract.py) and, for an HTTP service whose
// routes.py is still the template's, a stub per operation. Its summary goes into the state
// (api_spec) for the Developer, the Tester and the report.

#include "tools/Tool.h"

namespace orch {

class ApiSpecTool final : public Tool
{
public:
    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;
};

} // namespace orch
