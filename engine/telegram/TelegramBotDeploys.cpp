// /redeploy and /rollback: the release that runs installed and started again, or the one
// before it put back, each health-checked; for projects the sender may see.
#include "telegram/BotTexts.h"
#include "telegram/EngineReplies.h"
#include "telegram/TelegramBot.h"

namespace orch {

void TelegramBot::deployAgain(const Sender& from, const QString& which, bool back)
{
    withView(from, [this, from, which, back](const EngineView& view) {
        auto run = runFor(view, from, which);
        if (!run)
            return reply(from, run.error());
        const QString name = view.projectName(run->projectId);
        reply(from, bot::text(from.language, back ? "rolling_back" : "redeploying", {name}));
        auto told = whenAnswered<DeploymentRecord>(
            this, back ? "/rollback" : "/redeploy",
            [this, from, name](Result<DeploymentRecord> deployment) {
                if (!deployment)
                    return reply(from, bot::text(from.language, "error", {deployment.error()}));
                reply(from, bot::text(from.language, "redeployed",
                                      {name, deployment->version.left(12), deployment->url}));
            });
        if (back)
            m_engine.rollback({run->projectId}, std::move(told));
        else
            m_engine.redeploy({run->projectId}, std::move(told));
    });
}

} // namespace orch
