#pragma once
// Waits for the answer of one EngineApi call in a local event loop: for code that must have the
// answer before it goes on (a short-lived command, a test). Long-lived front ends take the
// answer in their reply instead.

#include "api/EngineApi.h"

#include <QEventLoop>
#include <QTimer>
#include <memory>
#include <optional>
#include <type_traits>

namespace orch::api {

// timeoutMs < 0: wait as long as it takes. An answer after the timeout is dropped.
template <typename Params, typename Answer>
Result<Answer> awaitAnswer(EngineApi& engine, void (EngineApi::*call)(const Params&, Reply<Answer>),
                           const std::type_identity_t<Params>& params, int timeoutMs = -1)
{
    struct Waiting
    {
        QEventLoop loop;
        std::optional<Result<Answer>> answer;
    };
    auto waiting = std::make_shared<Waiting>();
    std::weak_ptr<Waiting> weak = waiting;
    (engine.*call)(params, [weak](Result<Answer> answer) {
        if (auto alive = weak.lock()) {
            alive->answer = std::move(answer);
            alive->loop.quit();
        }
    });
    if (!waiting->answer) {
        if (timeoutMs >= 0)
            QTimer::singleShot(timeoutMs, &waiting->loop, &QEventLoop::quit);
        waiting->loop.exec();
    }
    if (!waiting->answer)
        return Error{QStringLiteral("no answer within %1 ms").arg(timeoutMs),
                     ErrorCode::Unavailable};
    return std::move(*waiting->answer);
}

} // namespace orch::api
