#pragma once
// Maps remote API requests ("runs.start", {"description": …}) onto the in-process engine and
// its answers onto JSON. One request in, one result or one error out.

#include "core/Json.h"
#include "core/Result.h"

#include <variant>

namespace orch {

class Engine;

struct RemoteError
{
    QString code; // bad_request | not_found | failed
    QString message;
};

class RemoteRequests
{
public:
    explicit RemoteRequests(Engine& engine) : m_engine(engine) {}

    // The result of `method`, or why not. `who` names the client in top-up records.
    std::variant<Json, RemoteError> handle(const QString& method, const Json& params, const QString& who);
    static QStringList methods();

private:
    Engine& m_engine;
};

} // namespace orch
