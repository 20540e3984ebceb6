#include "FakeTelegramServer.h"

#include <QDateTime>
#include <QTcpSocket>
#include <QTimer>
#include <chrono>

namespace orch::test {
namespace {

QByteArray headerValue(const QByteArray& head, const QByteArray& name)
{
    for (const QByteArray& line : head.split('\n')) {
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name)
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

// The parts of a multipart/form-data body: name → (filename, content).
QHash<QString, QPair<QString, QByteArray>> multipartFields(const QByteArray& contentType,
                                                           const QByteArray& body)
{
    QHash<QString, QPair<QString, QByteArray>> fields;
    const qsizetype at = contentType.indexOf("boundary=");
    if (at < 0)
        return fields;
    QByteArray boundary = "--" + contentType.mid(at + 9);
    boundary.replace('"', "");
    qsizetype position = body.indexOf(boundary);
    while (position >= 0) {
        const qsizetype start = position + boundary.size() + 2; // past "\r\n"
        const qsizetype next = body.indexOf(boundary, start);
        if (next < 0)
            break;
        const QByteArray part =
            body.mid(start, next - start - 2); // drop the "\r\n" before the boundary
        const qsizetype split = part.indexOf("\r\n\r\n");
        if (split > 0) {
            const QByteArray head = part.left(split);
            const QByteArray disposition = headerValue(head, "content-disposition");
            auto param = [&](const QByteArray& key) {
                const qsizetype from = disposition.indexOf(key + "=\"");
                if (from < 0)
                    return QString();
                const qsizetype begin = from + key.size() + 2;
                return QString::fromUtf8(
                    disposition.mid(begin, disposition.indexOf('"', begin) - begin));
            };
            fields.insert(param("name"), {param("filename"), part.mid(split + 4)});
        }
        position = next;
    }
    return fields;
}

} // namespace

FakeTelegramServer::FakeTelegramServer(QByteArray token, QObject* parent)
    : QObject(parent), m_token(std::move(token))
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeTelegramServer::onConnection);
}

bool FakeTelegramServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeTelegramServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort()));
}

qint64 FakeTelegramServer::push(Json update)
{
    QMutexLocker lock(&m_mutex);
    const qint64 id = m_nextUpdateId++;
    update["update_id"] = id;
    m_updates.push_back(std::move(update));
    QTimer::singleShot(0, this, &FakeTelegramServer::answerPolls);
    return id;
}

qint64 FakeTelegramServer::pushText(qint64 userId, const QString& text, const QString& language)
{
    const qint64 messageId = m_nextMessageId.fetchAndAddRelaxed(1);
    const Json from = {{"id", userId},
                       {"is_bot", false},
                       {"first_name", "Test"},
                       {"language_code", toStd(language)}};
    return push({{"message",
                  {{"message_id", messageId},
                   {"from", from},
                   {"chat", {{"id", userId}, {"type", "private"}}},
                   {"date", 1767225600},
                   {"text", toStd(text)}}}});
}

qint64 FakeTelegramServer::pushButton(qint64 userId, qint64 messageId, const QString& data)
{
    const Json from = {
        {"id", userId}, {"is_bot", false}, {"first_name", "Test"}, {"language_code", "en"}};
    return push({{"callback_query",
                  {{"id", std::to_string(m_nextUpdateId)},
                   {"from", from},
                   {"message",
                    {{"message_id", messageId}, {"chat", {{"id", userId}, {"type", "private"}}}}},
                   {"data", toStd(data)}}}});
}

void FakeTelegramServer::failNext(const QString& method, int status, int count, int retryAfterS)
{
    for (int i = 0; i < count; ++i)
        m_faults[method].push_back({status, retryAfterS});
}

QList<BotCall> FakeTelegramServer::calls(const QString& method) const
{
    QMutexLocker lock(&m_mutex);
    QList<BotCall> result;
    for (const BotCall& call : m_calls)
        if (method.isEmpty() || call.method == method)
            result << call;
    return result;
}

QList<BotCall> FakeTelegramServer::messagesTo(qint64 chatId) const
{
    QMutexLocker lock(&m_mutex);
    QList<BotCall> result;
    for (const BotCall& call : m_calls)
        if ((call.method == QLatin1String("sendMessage") ||
             call.method == QLatin1String("sendDocument")) &&
            call.params.value("chat_id", qint64(0)) == chatId)
            result << call;
    return result;
}

BotCall FakeTelegramServer::messageWith(qint64 chatId, const QString& needle) const
{
    for (const BotCall& call : messagesTo(chatId))
        if (toQ(call.params.value("text", std::string())).contains(needle) ||
            toQ(call.params.value("caption", std::string())).contains(needle))
            return call;
    return {};
}

void FakeTelegramServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setParent(this);
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadable(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void FakeTelegramServer::onReadable(QTcpSocket* socket)
{
    QByteArray& buffer = m_buffers[socket];
    buffer += socket->readAll();
    for (;;) { // keep-alive: several requests may arrive on one connection
        const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0)
            return;
        const QByteArray head = buffer.left(headEnd);
        const qsizetype length = headerValue(head, "content-length").toLongLong();
        if (buffer.size() < headEnd + 4 + length)
            return;
        const QByteArray body = buffer.mid(headEnd + 4, length);
        const QByteArray path = head.left(head.indexOf('\r')).split(' ').value(1);
        const QByteArray contentType = headerValue(head, "content-type");
        buffer.remove(0, headEnd + 4 + length);
        handle(socket, path, contentType, body);
    }
}

void FakeTelegramServer::respond(QTcpSocket* socket, int status, const Json& body)
{
    if (!socket || socket->state() != QAbstractSocket::ConnectedState)
        return;
    const QByteArray bytes = toBytes(body);
    socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Error") +
                  "\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(bytes.size()) + "\r\n\r\n" + bytes);
}

void FakeTelegramServer::handle(QTcpSocket* socket, const QByteArray& path,
                                const QByteArray& contentType, const QByteArray& body)
{
    // /bot<token>/<method>, or /testuser<token>/<method> for a user talking to the bot
    const QList<QByteArray> parts = path.split('/');
    if (parts.value(1).startsWith("testuser"))
        return handleTestUser(socket, parts.value(1).mid(8), parts.value(2), body);
    const QByteArray token = parts.value(1).mid(3);
    const QString method = QString::fromUtf8(parts.value(2));
    m_tokensSeen << QString::fromUtf8(token);
    m_attempts[method] += 1;
    if (token != m_token)
        return respond(socket, 401,
                       {{"ok", false}, {"error_code", 401}, {"description", "Unauthorized"}});
    if (auto faults = m_faults.find(method); faults != m_faults.end() && !faults->empty()) {
        const Fault fault = faults->front();
        faults->pop_front();
        Json error = {{"ok", false},
                      {"error_code", fault.status},
                      {"description", fault.status == 429 ? "Too Many Requests: retry later"
                                      : fault.status == 501
                                          ? "Not Implemented: method not supported"
                                          : "Bad Gateway"}};
        if (fault.status == 429)
            error["parameters"] = {{"retry_after", fault.retryAfterS}};
        return respond(socket, fault.status, error);
    }
    BotCall call{method,
                 Json::object(),
                 {},
                 {},
                 0,
                 QDateTime::currentMSecsSinceEpoch(),
                 std::chrono::duration_cast<std::chrono::nanoseconds>(
                     std::chrono::steady_clock::now().time_since_epoch())
                     .count()};
    if (contentType.startsWith("multipart/form-data")) {
        const auto fields = multipartFields(contentType, body);
        for (auto it = fields.begin(); it != fields.end(); ++it) {
            if (!it->first.isEmpty()) {
                call.fileName = it->first;
                call.document = it->second;
            } else {
                bool isNumber = false;
                const qint64 number = it->second.toLongLong(&isNumber);
                call.params[toStd(it.key())] =
                    isNumber ? Json(number) : Json(it->second.toStdString());
            }
        }
    } else {
        // Like the real API, a request without a body (GET getMe) has no parameters.
        call.params = body.isEmpty() ? Json::object() : parseJson(body);
        if (!call.params.is_object())
            return respond(socket, 400,
                           {{"ok", false},
                            {"error_code", 400},
                            {"description", "Bad Request: body is not JSON"}});
    }
    QMutexLocker lock(&m_mutex);
    if (method == QLatin1String("getUpdates")) {
        ++m_getUpdatesCalls;
        const qint64 offset = call.params.value("offset", qint64(0));
        m_confirmed = std::max(m_confirmed, offset);
        while (!m_updates.empty() && m_updates.front()["update_id"].get<qint64>() < offset)
            m_updates.pop_front(); // confirmed: Telegram forgets them
        const int timeoutS = call.params.value("timeout", 0);
        const int limit = std::clamp(call.params.value("limit", 100), 1, 100);
        if (!updatesFrom(offset, limit).empty() || timeoutS == 0)
            return respond(socket, 200, {{"ok", true}, {"result", updatesFrom(offset, limit)}});
        m_polls.append({socket, offset, limit});
        QTimer::singleShot(
            std::min(timeoutS, 2) * 1000, this, [this, socket = QPointer<QTcpSocket>(socket)] {
                for (qsizetype i = 0; i < m_polls.size(); ++i)
                    if (m_polls[i].socket == socket) {
                        respond(socket, 200, {{"ok", true}, {"result", Json::array()}});
                        m_polls.removeAt(i);
                        return;
                    }
            });
        return;
    }
    Json result = true;
    if (method == QLatin1String("sendMessage") || method == QLatin1String("sendDocument")) {
        call.messageId = m_nextMessageId++;
        result = {{"message_id", call.messageId},
                  {"chat", {{"id", call.params.value("chat_id", qint64(0))}}},
                  {"text", call.params.value("text", std::string())}};
    } else if (method == QLatin1String("editMessageText")) {
        call.messageId = call.params.value("message_id", qint64(0));
        result = {{"message_id", call.messageId}};
    } else if (method == QLatin1String("getMe")) {
        result = {{"id", 42}, {"is_bot", true}, {"username", "test_bot"}};
    }
    m_calls << call;
    lock.unlock();
    respond(socket, 200, {{"ok", true}, {"result", result}});
    emit called(method);
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
        respond(m_polls[i].socket, 200, {{"ok", true}, {"result", updates}});
        m_polls.removeAt(i);
    }
}

} // namespace orch::test

namespace orch::test {

void FakeTelegramServer::handleTestUser(QTcpSocket* socket, const QByteArray& token,
                                        const QByteArray& method, const QByteArray& body)
{
    if (token != m_token)
        return respond(socket, 401,
                       {{"ok", false}, {"error_code", 401}, {"description", "Unauthorized"}});
    const Json params = parseJson(body);
    if (method == "sendMessage" && params.is_object() && params.contains("text")) {
        const qint64 updateId = pushText(kTestUserId, toQ(stringOr(params, "text")));
        qint64 messageId = 0;
        {
            QMutexLocker lock(&m_mutex);
            for (const Json& update : m_updates)
                if (update["update_id"] == updateId)
                    messageId = update["message"]["message_id"].get<qint64>();
        }
        return respond(socket, 200,
                       {{"ok", true},
                        {"result", {{"message_id", messageId}, {"chat", {{"id", kTestUserId}}}}}});
    }
    if (method == "getReplies" && params.is_object()) {
        const qint64 after = params.value("after_message_id", qint64(0));
        Json replies = Json::array();
        for (const BotCall& call : messagesTo(params.value("chat_id", qint64(0))))
            if (call.messageId > after)
                replies.push_back({{"message_id", call.messageId},
                                   {"text", call.params.value("text", std::string())}});
        return respond(socket, 200, {{"ok", true}, {"result", replies}});
    }
    respond(socket, 400, {{"ok", false}, {"error_code", 400}, {"description", "Bad Request"}});
}

} // namespace orch::test
