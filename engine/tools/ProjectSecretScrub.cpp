#include "tools/ProjectSecretScrub.h"

#include "graph/ProjectState.h"
#include "tools/DeployTools.h"

namespace orch {

SecretScrub scrubFor(const DeployServices& services, const QString& projectId, const Json& state)
{
    SecretScrub scrub;
    if (!services.revealSecret)
        return scrub;
    const Json env = objectAt(StateView(state).resources(), "env");
    for (auto it = env.begin(); it != env.end(); ++it) {
        if (!it->is_string())
            continue;
        const QString handle = QString::fromStdString(it->get<std::string>());
        if (auto value = services.revealSecret(handle, projectId))
            scrub.add(handle, value.value());
    }
    return scrub;
}

ToolDone scrubbing(const DeployServices& services, const ToolContext& context, ToolDone done)
{
    return [scrub = scrubFor(services, context.projectId(), context.state),
            done = std::move(done)](ToolResult result) {
        if (!scrub.empty()) {
            result.output = scrub.scrub(result.output);
            result.stateUpdate = scrub.scrub(result.stateUpdate);
            if (result.question)
                result.question = scrub.scrub(*result.question);
        }
        done(std::move(result));
    };
}

} // namespace orch
