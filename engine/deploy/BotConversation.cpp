#include "deploy/BotConversation.h"

#include "core/Json.h"
#include "deploy/HttpProbe.h"

#include <QDateTime>
#include <QTimer>

namespace orch {
namespace {
constexpr int kPollMs = 250;
constexpr int kRequestMs = 10000;
} // namespace

BotConversation::BotConversation(QUrl apiBase, QByteArray token, int timeoutMs, QObject* parent)
    : QObject(parent), m_base(std::move(apiBase)), m_token(std::move(token)), m_timeoutMs(timeoutMs)
{
}

void BotConversation::send(const QString& text)
{
    m_deadline = QDateTime::currentMSecsSinceEpoch() + m_timeoutMs;
    post("sendMessage", toBytes({{"text", toStd(text)}}),
         [this](int status, const QByteArray& body) {
             const Json answer = parseJson(body);
             if (status == 404)
                 return finish({false,
                                {},
                                QStringLiteral("the Bot API at %1 takes no messages from a test "
                                               "user, so the bot cannot be talked to there")
                                    .arg(m_base.host())});
             const Json message = objectAt(answer, "result");
             m_sentId = intOr(message, "message_id", 0);
             m_chatId = intOr(objectAt(message, "chat"), "id", 0);
             if (status != 200 || m_sentId == 0 || m_chatId == 0)
                 return finish({false,
                                {},
                                QStringLiteral("sending as a user failed: HTTP %1 %2")
                                    .arg(status)
                                    .arg(toQ(stringOr(answer, "description")).left(200))});
             poll();
         });
}

void BotConversation::poll()
{
    post("getReplies", toBytes({{"chat_id", m_chatId}, {"after_message_id", m_sentId}}),
         [this](int status, const QByteArray& body) {
             const Json answer = parseJson(body);
             if (status != 200 || !answer.is_object())
                 return finish(
                     {false,
                      {},
                      QStringLiteral("reading the bot's replies failed: HTTP %1").arg(status)});
             BotExchange exchange{true, {}, {}};
             for (const Json& message : arrayAt(answer, "result"))
                 if (exchange.replies.size() < 20)
                     exchange.replies << toQ(stringOr(message, "text")).left(4000);
             if (!exchange.replies.isEmpty() ||
                 QDateTime::currentMSecsSinceEpoch() + kPollMs > m_deadline)
                 return finish(std::move(exchange));
             QTimer::singleShot(kPollMs, this, &BotConversation::poll);
         });
}

void BotConversation::post(const QByteArray& method, const QByteArray& body,
                           std::function<void(int, const QByteArray&)> then)
{
    ProbeRequest request{QUrl(m_base.toString() + QStringLiteral("/testuser") +
                              QString::fromUtf8(m_token) + QLatin1Char('/') +
                              QString::fromUtf8(method)),
                         {},
                         {},
                         kRequestMs,
                         "POST",
                         body,
                         "application/json"};
    auto* probe = new HttpProbe(request, this);
    connect(
        probe, &HttpProbe::finished, this,
        [this, probe, then = std::move(then)](const ProbeResult& r) {
            probe->deleteLater();
            if (!r.ok) // the error names the host, never the path with the token
                return finish({false, {}, QStringLiteral("%1: %2").arg(m_base.host(), r.error)});
            then(r.status, r.body);
        });
    probe->start();
}

void BotConversation::finish(BotExchange exchange)
{
    if (m_done)
        return;
    m_done = true;
    emit finished(exchange);
}

} // namespace orch
