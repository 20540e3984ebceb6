#include "FakeTelegramServer.h"

#include "TelegramWire.h"
#include "deploy/HttpProbe.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>

namespace orch::test {
namespace {

// The methods this stand-in serves, by their names in the Bot API reference; the real API
// reads method names case-insensitively ("All methods in the Bot API are case-insensitive").
const QStringList& servedMethods()
{
    static const QStringList methods = {"getMe",
                                        "getUpdates",
                                        "sendMessage",
                                        "sendDocument",
                                        "sendChatAction",
                                        "editMessageText",
                                        "editMessageReplyMarkup",
                                        "deleteMessage",
                                        "answerCallbackQuery",
                                        "setMyCommands",
                                        "getMyCommands",
                                        "setWebhook",
                                        "deleteWebhook",
                                        "getWebhookInfo"};
    return methods;
}

Json failure(int code, const std::string& description)
{
    return {{"ok", false}, {"error_code", code}, {"description", description}};
}

qint64 steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

// What the real API refuses in a sendMessage before sending it
// (https://core.telegram.org/bots/api#sendmessage: text of 1-4096 characters).
std::string refusedMessage(const QString& method, const Json& params)
{
    const bool toAChat =
        method.startsWith(QLatin1String("send")) || method == QLatin1String("deleteMessage");
    if (toAChat && !params.contains("chat_id"))
        return "Bad Request: chat_id is empty";
    if (method != QLatin1String("sendMessage"))
        return {};
    const QString text = params.contains("text") && params["text"].is_string()
                             ? toQ(params["text"].get<std::string>())
                             : QString();
    if (text.trimmed().isEmpty())
        return "Bad Request: message text is empty";
    if (text.size() > 4096)
        return "Bad Request: message is too long";
    return {};
}

} // namespace

FakeTelegramServer::FakeTelegramServer(QByteArray token, QObject* parent)
    : QObject(parent), m_token(std::move(token))
{
    connect(&m_server, &QTcpServer::newConnection, this,
            [this] { onConnection(&m_server, false); });
    connect(&m_control, &QTcpServer::newConnection, this,
            [this] { onConnection(&m_control, true); });
}

bool FakeTelegramServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0) &&
           m_control.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeTelegramServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

QUrl FakeTelegramServer::controlUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_control.serverPort()));
}

// https://core.telegram.org/bots/api#editmessagetext and the errors the Bot API answers it
// with (its descriptions, as Telegram words them): a message of another chat or none is "not
// found"; the same text and buttons again is "not modified"; the text's limits are
// sendMessage's. Called with m_mutex held.
std::string FakeTelegramServer::refusedEdit(const Json& params) const
{
    const qint64 messageId = intOr(params, "message_id", 0);
    const auto shown = m_shown.find(messageId);
    if (shown == m_shown.end() || shown->chatId != intOr(params, "chat_id", 0))
        return "Bad Request: message to edit not found";
    const QString text = toQ(stringOr(params, "text"));
    if (text.trimmed().isEmpty())
        return "Bad Request: message text is empty";
    if (text.size() > 4096)
        return "Bad Request: MESSAGE_TOO_LONG";
    if (text == shown->text && dumpJson(params.value("reply_markup", Json())) == shown->markup)
        return "Bad Request: message is not modified: specified new message content and reply "
               "markup are exactly the same as a current content and reply markup of the message";
    return {};
}

// https://core.telegram.org/bots/api#deletemessage: "A message can only be deleted if it was
// sent less than 48 hours ago"; past that, and for a message not in that chat, the Bot API's
// own words. Called with m_mutex held.
std::string FakeTelegramServer::refusedDelete(const Json& params) const
{
    const auto posted = m_posted.find(intOr(params, "message_id", 0));
    if (posted == m_posted.end() || posted->chatId != intOr(params, "chat_id", 0))
        return "Bad Request: message to delete not found";
    if (nowS() - posted->sentAtS >= 48 * 3600)
        return "Bad Request: message can't be deleted";
    return {};
}

qint64 FakeTelegramServer::nowS() const
{
    return QDateTime::currentSecsSinceEpoch() + m_clockShiftS;
}

void FakeTelegramServer::onConnection(QTcpServer* server, bool control)
{
    while (QTcpSocket* socket = server->nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, control] {
            QByteArray& buffer = m_buffers[socket];
            buffer += socket->readAll();
            while (auto request = takeRequest(buffer)) // keep-alive: several per connection
                control ? handleControl(socket, *request) : handle(socket, *request);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeTelegramServer::handle(QTcpSocket* socket, const WireRequest& request)
{
    // Only /bot<token>/<method>: anything else is Telegram's 404.
    const QList<QByteArray> parts = request.path.split('/');
    if (parts.size() != 3 || !parts[0].isEmpty() || !parts[1].startsWith("bot"))
        return writeJson(socket, 404, failure(404, "Not Found"));
    const QByteArray token = parts[1].mid(3);
    QString method = QString::fromUtf8(parts[2]);
    m_tokensSeen << QString::fromUtf8(token);
    if (token != m_token)
        return writeJson(socket, 401, failure(401, "Unauthorized"));
    const auto known =
        std::find_if(servedMethods().begin(), servedMethods().end(), [&](const QString& name) {
            return name.compare(method, Qt::CaseInsensitive) == 0;
        });
    if (known == servedMethods().end())
        return writeJson(socket, 404, failure(404, "Not Found"));
    method = *known;
    m_attempts[method] += 1;
    if (auto faults = m_faults.find(method); faults != m_faults.end() && !faults->empty()) {
        const Fault fault = faults->front();
        faults->pop_front();
        // The real API's wording for each (429: "Too Many Requests: retry after N").
        Json error = failure(fault.status,
                             !fault.description.empty() ? fault.description
                             : fault.status == 429      ? "Too Many Requests: retry after " +
                                                         std::to_string(fault.retryAfterS)
                             : fault.status == 403 ? "Forbidden: bot was blocked by the user"
                             : fault.status == 501 ? "Not Implemented: method not supported"
                             : fault.status == 409
                                 ? "Conflict: terminated by other getUpdates request; make sure "
                                   "that only one bot instance is running"
                                 : "Bad Gateway");
        if (fault.status == 429)
            error["parameters"] = {{"retry_after", fault.retryAfterS}};
        return writeJson(socket, fault.status, error);
    }
    WireParams params = paramsOf(request);
    if (!params.ok)
        return writeJson(socket, 400, failure(400, "Bad Request: can't parse JSON object"));
    if (method == QLatin1String("setWebhook"))
        return setWebhook(socket, params.values);
    if (method == QLatin1String("getUpdates"))
        return getUpdates(socket, params.values);
    if (const std::string refused = refusedMessage(method, params.values); !refused.empty())
        return writeJson(socket, 400, failure(400, refused));
    BotCall call{method,
                 std::move(params.values),
                 params.document,
                 params.fileName,
                 0,
                 QDateTime::currentMSecsSinceEpoch(),
                 steadyNowNs()};
    Json result = true;
    QMutexLocker lock(&m_mutex);
    if (method == QLatin1String("sendMessage") || method == QLatin1String("sendDocument")) {
        call.messageId = m_nextMessageId++;
        m_shown[call.messageId] = {intOr(call.params, "chat_id", 0),
                                   toQ(stringOr(call.params, "text")),
                                   dumpJson(call.params.value("reply_markup", Json()))};
        m_posted[call.messageId] = {intOr(call.params, "chat_id", 0), nowS()};
        result = {{"message_id", call.messageId},
                  {"date", nowS()},
                  {"chat", {{"id", call.params.value("chat_id", Json(0))}, {"type", "private"}}},
                  {"text", call.params.value("text", std::string())}};
    } else if (method.startsWith(QLatin1String("editMessage"))) {
        call.messageId = call.params.value("message_id", qint64(0));
        if (method == QLatin1String("editMessageText")) {
            const std::string refused = refusedEdit(call.params);
            if (!refused.empty()) {
                lock.unlock();
                return writeJson(socket, 400, failure(400, refused));
            }
            Shown& shown = m_shown[call.messageId];
            shown.text = toQ(stringOr(call.params, "text"));
            shown.markup = dumpJson(call.params.value("reply_markup", Json()));
        }
        result = {{"message_id", call.messageId}};
    } else if (method == QLatin1String("deleteMessage")) {
        call.messageId = intOr(call.params, "message_id", 0);
        if (const std::string refused = refusedDelete(call.params); !refused.empty()) {
            lock.unlock();
            return writeJson(socket, 400, failure(400, refused));
        }
        m_posted.remove(call.messageId);
        m_shown.remove(call.messageId);
    } else if (method == QLatin1String("getMe")) {
        result = {{"id", m_token.left(m_token.indexOf(':')).toLongLong()},
                  {"is_bot", true},
                  {"first_name", toStd(m_username)},
                  {"username", toStd(m_username)}};
    } else if (method == QLatin1String("getMyCommands")) {
        result = Json::array();
    } else if (method == QLatin1String("deleteWebhook")) {
        m_webhook.clear();
    } else if (method == QLatin1String("getWebhookInfo")) {
        result = {{"url", toStd(m_webhook)},
                  {"has_custom_certificate", false},
                  {"pending_update_count", m_updates.size()}};
    }
    m_calls << call;
    lock.unlock();
    writeJson(socket, 200, {{"ok", true}, {"result", result}});
    emit called(method);
}

// https://core.telegram.org/bots/api#setwebhook: an HTTPS URL on port 443, 80, 88 or 8443.
// Delivering updates to it is not served here: they wait, as Telegram's do while a webhook
// cannot be reached, and getUpdates is refused until deleteWebhook.
void FakeTelegramServer::setWebhook(QTcpSocket* socket, const Json& params)
{
    const QUrl url(toQ(stringOr(params, "url")));
    if (url.isEmpty()) {
        m_webhook.clear();
        return writeJson(socket, 200,
                         {{"ok", true}, {"result", true}, {"description", "Webhook was deleted"}});
    }
    if (url.scheme() != QLatin1String("https") || url.host().isEmpty())
        return writeJson(socket, 400,
                         failure(400, "Bad Request: bad webhook: HTTPS url must be provided for "
                                      "webhook"));
    if (!QList<int>{443, 80, 88, 8443}.contains(url.port(443)))
        return writeJson(socket, 400,
                         failure(400, "Bad Request: bad webhook: Webhook can be set up only on "
                                      "ports 80, 88, 443 or 8443"));
    m_webhook = url.toString();
    m_webhookSecret = QByteArray::fromStdString(stringOr(params, "secret_token"));
    writeJson(socket, 200, {{"ok", true}, {"result", true}, {"description", "Webhook was set"}});
    deliverToWebhook();
}

// https://core.telegram.org/bots/api#setwebhook: "In case of an unsuccessful request, we will
// give up after a reasonable amount of attempts"; here: again every second, in order.
void FakeTelegramServer::deliverToWebhook()
{
    QMutexLocker lock(&m_mutex);
    if (m_webhook.isEmpty() || m_delivering || m_updates.empty())
        return;
    m_delivering = true;
    const Json update = m_updates.front();
    ProbeRequest request{
        QUrl(m_webhook), QStringLiteral("127.0.0.1"), m_webhookTrust, 10000, "POST",
        toBytes(update), "application/json"};
    if (!m_webhookSecret.isEmpty())
        request.headers.append({"X-Telegram-Bot-Api-Secret-Token", m_webhookSecret});
    lock.unlock();
    auto* probe = new HttpProbe(request, this);
    connect(probe, &HttpProbe::finished, this,
            [this, probe, id = update["update_id"].get<qint64>()](const ProbeResult& r) {
                probe->deleteLater();
                QMutexLocker lock(&m_mutex);
                m_delivering = false;
                const bool taken = r.ok && r.status >= 200 && r.status < 300;
                if (taken) {
                    ++m_webhookDeliveries;
                    if (!m_updates.empty() && m_updates.front()["update_id"] == id)
                        m_updates.pop_front();
                }
                lock.unlock();
                QTimer::singleShot(taken ? 0 : 1000, this, &FakeTelegramServer::deliverToWebhook);
            });
    probe->start();
}

void FakeTelegramServer::getUpdates(QTcpSocket* socket, const Json& params)
{
    QMutexLocker lock(&m_mutex);
    ++m_getUpdatesCalls;
    if (!m_webhook.isEmpty())
        return writeJson(socket, 409,
                         failure(409, "Conflict: can't use getUpdates method while webhook is "
                                      "active; use deleteWebhook to delete the webhook first"));
    // A newer request ends the one held: the real API answers the older one 409.
    for (const Pending& held : std::as_const(m_polls)) {
        if (!held.socket || held.socket->state() != QAbstractSocket::ConnectedState)
            continue; // its client gave up already
        ++m_conflicts;
        writeJson(held.socket, 409,
                  failure(409, "Conflict: terminated by other getUpdates request; make sure "
                               "that only one bot instance is running"));
    }
    m_polls.clear();
    const auto number = [&](const char* key, qint64 fallback) {
        return intOr(params, key, fallback);
    };
    const qint64 offset = number("offset", 0);
    m_confirmed = std::max(m_confirmed, offset);
    while (!m_updates.empty() && m_updates.front()["update_id"].get<qint64>() < offset)
        m_updates.pop_front(); // confirmed: Telegram forgets them
    const int timeoutS = int(std::clamp<qint64>(number("timeout", 0), 0, 50));
    const int limit = int(std::clamp<qint64>(number("limit", 100), 1, 100));
    if (!updatesFrom(offset, limit).empty() || timeoutS == 0)
        return writeJson(socket, 200, {{"ok", true}, {"result", updatesFrom(offset, limit)}});
    m_polls.append({socket, offset, limit});
    QTimer::singleShot(timeoutS * 1000, this, [this, socket = QPointer<QTcpSocket>(socket)] {
        QMutexLocker lock(&m_mutex);
        for (qsizetype i = 0; i < m_polls.size(); ++i)
            if (m_polls[i].socket == socket) {
                writeJson(socket, 200, {{"ok", true}, {"result", Json::array()}});
                m_polls.removeAt(i);
                return;
            }
    });
}

Json FakeTelegramServer::updatesFrom(qint64 offset, int limit) const
{
    Json list = Json::array();
    for (const Json& update : m_updates)
        if (update["update_id"].get<qint64>() >= offset && list.size() < size_t(limit))
            list.push_back(update);
    return list;
}

void FakeTelegramServer::answerPolls()
{
    QMutexLocker lock(&m_mutex);
    for (qsizetype i = 0; i < m_polls.size();) {
        const Json updates = updatesFrom(m_polls[i].offset, m_polls[i].limit);
        if (updates.empty()) {
            ++i;
            continue;
        }
        writeJson(m_polls[i].socket, 200, {{"ok", true}, {"result", updates}});
        m_polls.removeAt(i);
    }
}

} // namespace orch::test
