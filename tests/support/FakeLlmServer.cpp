#include "FakeLlmServer.h"

#include "FakeRequestRules.h"

#include <QPointer>
#include <QTcpSocket>
#include <QTimer>

namespace orch::test {
namespace {

const char* reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 429:
        return "Too Many Requests";
    case 500:
        return "Internal Server Error";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 529:
        return "Overloaded";
    default:
        return "Status";
    }
}

// Serves one client connection: parses requests (keep-alive), writes replies.
class Connection : public QObject
{
public:
    Connection(QTcpSocket* socket, std::function<FakeReply(const RecordedRequest&)> answer)
        : QObject(socket), m_socket(socket), m_answer(std::move(answer))
    {
        connect(socket, &QTcpSocket::readyRead, this, &Connection::onReadyRead);
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

private:
    void onReadyRead()
    {
        m_buffer += m_socket->readAll();
        while (!m_busy) {
            const qsizetype headerEnd = m_buffer.indexOf("\r\n\r\n");
            if (headerEnd < 0)
                return;
            RecordedRequest request;
            const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            request.path = first.value(1);
            qsizetype length = 0;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines[i].trimmed();
                const qsizetype colon = line.indexOf(':');
                if (colon < 0)
                    continue;
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                request.headers.append({name, value});
                if (name == "content-length")
                    length = value.toLongLong();
            }
            if (m_buffer.size() < headerEnd + 4 + length)
                return;
            request.body = m_buffer.mid(headerEnd + 4, length);
            m_buffer.remove(0, headerEnd + 4 + length);
            respond(m_answer(request));
        }
    }

    void respond(FakeReply reply)
    {
        m_busy = true;
        m_reply = std::move(reply);
        m_nextChunk = 0;
        if (m_reply.delayMs > 0)
            QTimer::singleShot(m_reply.delayMs, this, &Connection::sendHead);
        else
            sendHead();
    }

    void sendHead()
    {
        if (m_reply.fault == FakeReply::Fault::DropConnection) {
            m_socket->abort();
            return;
        }
        QByteArray head = "HTTP/1.1 " + QByteArray::number(m_reply.status) + " " +
                          reasonPhrase(m_reply.status) + "\r\n";
        for (const auto& [name, value] : m_reply.headers)
            head += name + ": " + value + "\r\n";
        if (m_reply.stream) {
            // As the providers' HTTP/1.1 streams: chunked transfer coding on a connection that
            // stays open for the next request (RFC 9112 §7.1).
            head += "Content-Type: text/event-stream\r\nCache-Control: no-cache\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n";
            m_socket->write(head);
            sendNextChunk();
            return;
        }
        head += "Content-Type: application/json\r\nContent-Length: " +
                QByteArray::number(m_reply.body.size()) + "\r\n\r\n";
        if (m_reply.fault == FakeReply::Fault::Stall) {
            m_socket->write(head); // headers only: the body never comes
            return;
        }
        m_socket->write(head + m_reply.body);
        m_busy = false;
        if (!m_buffer.isEmpty())
            QTimer::singleShot(0, this, &Connection::onReadyRead);
    }

    void sendNextChunk()
    {
        const bool faulty =
            m_reply.fault == FakeReply::Fault::Stall || m_reply.fault == FakeReply::Fault::Truncate;
        if (faulty && m_nextChunk >= m_reply.faultAfterChunks) {
            if (m_reply.fault == FakeReply::Fault::Truncate) {
                m_socket->flush();
                m_socket->disconnectFromHost();
            }
            return; // Stall: keep the connection open and silent
        }
        if (m_nextChunk >= m_reply.chunks.size()) {
            m_socket->write("0\r\n\r\n"); // the last chunk: the connection serves on
            m_busy = false;
            if (!m_buffer.isEmpty())
                QTimer::singleShot(0, this, &Connection::onReadyRead);
            return;
        }
        const QByteArray& chunk = m_reply.chunks[m_nextChunk++];
        if (!chunk.isEmpty()) // an empty chunk would end the body
            m_socket->write(QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n");
        m_socket->flush();
        QTimer::singleShot(m_reply.chunkDelayMs, this, &Connection::sendNextChunk);
    }

    QTcpSocket* m_socket;
    std::function<FakeReply(const RecordedRequest&)> m_answer;
    QByteArray m_buffer;
    FakeReply m_reply;
    int m_nextChunk = 0;
    bool m_busy = false;
};

} // namespace

QByteArray RecordedRequest::header(const QByteArray& name) const
{
    for (const auto& [key, value] : headers)
        if (key == name.toLower())
            return value;
    return {};
}

FakeLlmServer::FakeLlmServer(QObject* parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FakeLlmServer::onConnection);
}

bool FakeLlmServer::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QUrl FakeLlmServer::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1/v1").arg(port()));
}

void FakeLlmServer::enqueue(FakeReply reply)
{
    QMutexLocker lock(&m_mutex);
    m_queue.push_back(std::move(reply));
}

void FakeLlmServer::setHandler(Handler handler)
{
    QMutexLocker lock(&m_mutex);
    m_handler = std::move(handler);
}

void FakeLlmServer::reset()
{
    QMutexLocker lock(&m_mutex);
    m_requests.clear();
    m_queue.clear();
    m_count = 0;
}

QList<RecordedRequest> FakeLlmServer::requests() const
{
    QMutexLocker lock(&m_mutex);
    return m_requests;
}

int FakeLlmServer::requestCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_count;
}

FakeReply FakeLlmServer::replyFor(const RecordedRequest& request)
{
    const Json body = request.json();
    std::optional<FakeReply> refusal = refusalFor(request, body);
    FakeReply reply;
    {
        QMutexLocker lock(&m_mutex);
        ++m_count;
        if (m_recording)
            m_requests.append(request);
        if (refusal) {
            // Refused before any model sees it: a scripted reply stays for the next request.
            reply = std::move(*refusal);
        } else if (!m_queue.empty()) {
            reply = std::move(m_queue.front());
            m_queue.pop_front();
        } else if (m_handler) {
            Handler handler = m_handler;
            lock.unlock();
            reply = handler(request);
        } else {
            reply = FakeReply::error(500, "fake server: no scripted reply left");
        }
    }
    emit requestReceived();
    return asStreamIfAsked(request, body, std::move(reply));
}

FakeReply FakeLlmServer::asStreamIfAsked(const RecordedRequest& request, const Json& asked,
                                         FakeReply reply)
{
    if (reply.stream || reply.status != 200 || !asked.is_object() || !asked.value("stream", false))
        return reply;
    const Json body = parseJson(reply.body);
    if (!body.is_object())
        return reply;
    std::vector<ToolCall> calls;
    FakeReply streamed;
    if (request.path.endsWith("/responses")) {
        streamed = FakeReply::responsesStream(body);
    } else if (request.path.endsWith("/messages")) {
        std::string text;
        for (const auto& block : body.value("content", Json::array())) {
            if (block.value("type", "") == "text")
                text += block.value("text", "");
            else
                calls.push_back({block.value("id", ""), block.value("name", ""),
                                 dumpJson(block.value("input", Json::object()))});
        }
        streamed = FakeReply::anthropicStream(text, calls);
    } else {
        const Json message = body["choices"][0]["message"];
        for (const auto& call : message.value("tool_calls", Json::array()))
            calls.push_back({call.value("id", ""), call["function"].value("name", ""),
                             call["function"].value("arguments", "")});
        streamed = FakeReply::openAiStream(
            message["content"].is_string() ? message["content"].get<std::string>() : "", calls, 4,
            body["usage"].value("prompt_tokens", 0LL),
            body["usage"].value("completion_tokens", 0LL));
    }
    streamed.delayMs = reply.delayMs;
    streamed.fault = reply.fault;
    streamed.faultAfterChunks = reply.faultAfterChunks;
    return streamed;
}

void FakeLlmServer::onConnection()
{
    while (QTcpSocket* socket = m_server.nextPendingConnection()) {
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // no Nagle delay per chunk
        ++m_connections;
        new Connection(socket, [this](const RecordedRequest& r) { return replyFor(r); });
    }
}

} // namespace orch::test
