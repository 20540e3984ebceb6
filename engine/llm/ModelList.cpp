#include "llm/ModelList.h"

#include "core/Json.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace orch {

Result<QStringList> modelIdsFrom(const QByteArray& body)
{
    const Json answer = parseJson(body);
    if (!answer.is_object())
        return Error{QStringLiteral("the answer is not JSON; is the base URL the API's (it usually "
                                    "ends in /v1)?")};
    const Json& list =
        member(answer, "data").is_array() ? arrayAt(answer, "data") : arrayAt(answer, "models");
    if (!member(answer, "data").is_array() && !member(answer, "models").is_array())
        return Error{QStringLiteral("the answer has no list of models")};
    QStringList ids;
    for (const Json& model : list) {
        std::string id = stringOr(model, "id");
        if (id.empty())
            id = stringOr(model, "name");
        if (!id.empty() && ids.size() < kMaxListedModels)
            ids << toQ(id).left(200);
    }
    ids.removeDuplicates();
    ids.sort();
    return ids;
}

void listModels(QNetworkAccessManager* network, const ModelListRequest& request,
                std::function<void(Result<QStringList>)> done)
{
    const QString scheme = request.baseUrl.scheme();
    if (!request.baseUrl.isValid() ||
        (scheme != QLatin1String("http") && scheme != QLatin1String("https")) ||
        request.baseUrl.host().isEmpty())
        return done(Error{QStringLiteral("the base URL must be an http(s) URL like "
                                         "https://api.openai.com/v1"),
                          ErrorCode::Invalid});
    QUrl url = request.baseUrl;
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) +
                QStringLiteral("/models"));
    QNetworkRequest get(url);
    get.setRawHeader("User-Agent", "codegen-orchestrator");
    if (request.kind == QLatin1String("anthropic")) {
        get.setRawHeader("anthropic-version", "2023-06-01");
        if (!request.apiKey.isEmpty())
            get.setRawHeader("x-api-key", request.apiKey);
    } else if (!request.apiKey.isEmpty()) {
        get.setRawHeader("Authorization", "Bearer " + request.apiKey);
    }
    // The key is for this endpoint only: a redirect is an answer, not a hop.
    get.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                     QNetworkRequest::ManualRedirectPolicy);
    get.setTransferTimeout(request.deadlineMs);
    QNetworkReply* reply = network->get(get);
    // A server that drips bytes never times out on silence: the whole answer has a deadline.
    QTimer::singleShot(request.deadlineMs, reply, [reply] { reply->abort(); });
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [reply] {
        if (reply->bytesAvailable() > kMaxModelListBytes)
            reply->abort();
    });
    const QString shown = url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done, shown] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->read(kMaxModelListBytes);
        if (status == 0)
            return done(Error{
                QStringLiteral("cannot reach %1: %2").arg(shown, reply->errorString().left(200))});
        const QString message =
            toQ(stringOr(objectAt(parseJson(body), "error"), "message")).left(200);
        const QString detail = message.isEmpty() ? QString() : QStringLiteral(": ") + message;
        if (status == 401 || status == 403)
            return done(Error{QStringLiteral("%1 refused the key (HTTP %2%3)")
                                  .arg(shown)
                                  .arg(status)
                                  .arg(detail)});
        if (status == 404)
            return done(Error{QStringLiteral("%1 has no model list (HTTP 404); is the base URL "
                                             "right (it usually ends in /v1)?")
                                  .arg(shown)});
        if (status < 200 || status >= 300)
            return done(
                Error{QStringLiteral("%1 answered HTTP %2%3").arg(shown).arg(status).arg(detail)});
        auto ids = modelIdsFrom(body);
        if (!ids)
            return done(Error{QStringLiteral("%1: %2").arg(shown, ids.error())});
        done(std::move(ids).value());
    });
}

} // namespace orch
