#pragma once
// Asks a provider's endpoint which models it serves (GET {base}/models): the connection test
// of the desktop's Settings. The answer comes from outside, so it is capped, read with checked
// accessors and given a deadline; the key goes only in the request's header, never in an error.

#include "core/Result.h"

#include <QByteArray>
#include <QStringList>
#include <QUrl>
#include <functional>

class QNetworkAccessManager;

namespace orch {

struct ModelListRequest
{
    QString kind; // "openai" (and compatible servers) or "anthropic"
    QUrl baseUrl; // "https://api.openai.com/v1"
    QByteArray apiKey;
    int deadlineMs = 20000;
};

constexpr qint64 kMaxModelListBytes = 1024 * 1024;
constexpr int kMaxListedModels = 500;

void listModels(QNetworkAccessManager* network, const ModelListRequest& request,
                std::function<void(Result<QStringList>)> done);

// The model ids in an answer body ({"data": [{"id"}]}, or {"models": [{"name"}]}); an error
// naming what is wrong when it is not such a list.
Result<QStringList> modelIdsFrom(const QByteArray& body);

} // namespace orch
