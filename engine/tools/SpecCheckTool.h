#pragma once
// check_spec (Tester): the deployed project checked against the repository's api-spec.json,
// one check per operation (its example request must get a declared status with the fields
// that status requires) or per bot command (a user's message must get a reply containing the
// declared text). Each result goes on the check sheet like check_http's and check_bot's.

#include "tools/DeployTools.h"
#include "tools/Tool.h"

#include <memory>

namespace orch {

std::unique_ptr<Tool> makeSpecCheckTool(std::shared_ptr<const DeployServices> services);

} // namespace orch
