#pragma once
// What a tool brings back from a deployed service (a health body, log lines, a reply, a
// deploy's reason) may carry the values of the secrets attached to the project: a service that
// prints its environment, a traceback that shows a token. Before the model, the state, an
// event or a chat sees it, each value, as written and base64, hex or URL encoded, is replaced
// by its handle, so agents only ever see handles.

#include "core/SecretScrub.h"
#include "tools/Tool.h"

namespace orch {

struct DeployServices;

// The secrets attached to the project (its state's resources.env), as the project may read them.
SecretScrub scrubFor(const DeployServices& services, const QString& projectId, const Json& state);

// `done`, after the result's output and state update were scrubbed of the project's secrets.
ToolDone scrubbing(const DeployServices& services, const ToolContext& context, ToolDone done);

} // namespace orch
