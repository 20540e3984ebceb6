#include "remote/RemoteRequests.h"

#include "api/MethodCodec.h"
#include "api/MethodDocs.h"

#include <string_view>

namespace orch {
namespace {

using Respond = RemoteRequests::Respond;

// A handler for one row of the table: read and check the parameters, call the engine, write
// its answer.
template <typename Params, typename Answer>
auto bind(EngineApi& engine, void (EngineApi::*call)(const Params&, Reply<Answer>),
          std::string_view key)
{
    return [&engine, call, key](const Json& json, const QString& who, Respond respond) {
        auto params = api::readParams<Params>(json);
        if (!params)
            return respond(params.failure());
        if constexpr (requires { params->byWhom; })
            params->byWhom = who;
        (engine.*call)(params.value(), [respond = std::move(respond), key](Result<Answer> answer) {
            if (!answer)
                return respond(answer.failure());
            if constexpr (std::is_void_v<Answer>)
                respond(api::wrapAnswer());
            else
                respond(api::wrapAnswer(answer.value(), key));
        });
    };
}

} // namespace

RemoteRequests::RemoteRequests(EngineApi& engine)
{
#define ORCH_BIND_CALL(function, wire, Params, Answer, key, doc)                                   \
    m_handlers.insert(QStringLiteral(wire),                                                        \
                      bind<api::Params, Answer>(engine, &EngineApi::function, key));
    ORCH_ENGINE_METHODS(ORCH_BIND_CALL)
#undef ORCH_BIND_CALL
}

QStringList RemoteRequests::methods()
{
    return api::methodNames();
}

void RemoteRequests::handle(const QString& method, const Json& params, const QString& who,
                            Respond respond)
{
    const auto handler = m_handlers.constFind(method);
    if (handler == m_handlers.cend())
        return respond(
            Error{QStringLiteral("unknown method '%1'").arg(method), ErrorCode::BadRequest});
    (*handler)(params, who, std::move(respond));
}

} // namespace orch
