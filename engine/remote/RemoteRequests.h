#pragma once
// Maps remote API requests ("runs.start", {"description": …}) onto EngineApi and its answers
// onto JSON, for every row of the method table (api/EngineMethods.h). One request in, one
// result or one typed error out, delivered when the engine answers.

#include "api/EngineApi.h"

#include <QHash>
#include <functional>

namespace orch {

class RemoteRequests
{
public:
    using Respond = std::function<void(Result<Json>)>;

    explicit RemoteRequests(EngineApi& engine);

    // Runs `method` with `params`; `who` names the client in top-up records.
    void handle(const QString& method, const Json& params, const QString& who, Respond respond);
    static QStringList methods();

private:
    using Handler = std::function<void(const Json& params, const QString& who, Respond respond)>;
    QHash<QString, Handler> m_handlers;
};

} // namespace orch
