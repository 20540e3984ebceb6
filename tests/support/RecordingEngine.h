#pragma once
// An EngineApi that records what each call received and answers at once with a scripted error
// or a default value of the answer's type. A test overrides the calls it wants to script.

#include "api/EngineApi.h"

#include <QHash>
#include <optional>
#include <type_traits>

namespace orch::test {

template <typename Answer> void answerWithDefault(const Reply<Answer>& done)
{
    if constexpr (std::is_void_v<Answer>)
        done(Result<void>());
    else
        done(Answer{});
}

class RecordingEngine : public EngineApi
{
public:
    QString lastMethod;
    Json lastParams;
    QHash<QString, int> calls; // by wire name
    std::optional<Error> failWith;

#define ORCH_RECORD_CALL(function, wire, Params, Answer, key, doc)                                 \
    void function(const api::Params& params, Reply<Answer> done) override                          \
    {                                                                                              \
        lastMethod = QStringLiteral(wire);                                                         \
        lastParams = api::writeParams(params);                                                     \
        ++calls[lastMethod];                                                                       \
        if (failWith)                                                                              \
            return done(*failWith);                                                                \
        answerWithDefault(done);                                                                   \
    }
    ORCH_ENGINE_METHODS(ORCH_RECORD_CALL)
#undef ORCH_RECORD_CALL
};

} // namespace orch::test
