#pragma once
// The machine-readable spec the Architect writes into the repository (api-spec.json): for an
// HTTP service an OpenAPI 3 subset (paths, methods, query parameters with examples, a JSON
// request body example, responses with a JSON schema's required fields and an example); for a
// bot the commands a user sends with text the reply must contain. The contract tests, the
// route stubs and the report are derived from it. Model-written, so checked like input from a
// network peer: anything outside the subset is refused with a message saying what is allowed.

#include "core/Json.h"
#include "core/Result.h"

#include <QStringList>
#include <vector>

namespace orch {

struct ApiResponse
{
    int status = 200;
    QStringList required; // fields the JSON body must have
};

struct ApiOperation
{
    QString method; // GET, POST, PUT, DELETE
    QString path;   // /items
    QString summary;
    std::vector<ApiResponse> responses;
    QString name() const { return method + QLatin1Char(' ') + path; }
};

struct BotCommand
{
    QString send;
    QString replyContains;
};

struct ApiSpec
{
    enum class Kind
    {
        Http,
        Bot
    };
    static inline const QString kFile = QStringLiteral("api-spec.json");

    Kind kind = Kind::Http;
    std::vector<ApiOperation> operations;
    std::vector<BotCommand> commands;
    Json document; // as written, for the repository

    static Result<ApiSpec> fromJson(const Json& document);
    // What the state and the report show: the operations or commands, one line each.
    Json summary() const;
    // routes.py with a stub per operation answering 501 until it is written.
    QString routeStubs() const;
};

} // namespace orch
