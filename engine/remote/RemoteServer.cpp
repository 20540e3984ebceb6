#include "remote/RemoteServer.h"

#include "api/MethodCodec.h"
#include "core/Guard.h"
#include "core/Log.h"

#include <QFile>
#include <QPointer>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>
#include <sodium.h>

namespace orch {
namespace {

// Equal tokens, compared in time that does not depend on where they differ. Hashing first
// makes the comparison independent of the lengths too.
bool sameToken(const QByteArray& given, const QByteArray& expected)
{
    unsigned char a[crypto_generichash_BYTES], b[crypto_generichash_BYTES];
    crypto_generichash(a, sizeof a, reinterpret_cast<const unsigned char*>(given.constData()),
                       size_t(given.size()), nullptr, 0);
    crypto_generichash(b, sizeof b, reinterpret_cast<const unsigned char*>(expected.constData()),
                       size_t(expected.size()), nullptr, 0);
    return sodium_memcmp(a, b, sizeof a) == 0 && !expected.isEmpty();
}

QString clientName(const QWebSocket* socket)
{
    return QStringLiteral("remote:%1:%2")
        .arg(socket->peerAddress().toString())
        .arg(socket->peerPort());
}

} // namespace

RemoteServer::RemoteServer(EngineApi& engine, RemoteServerSettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_requests(engine),
      m_server(new QWebSocketServer(QStringLiteral("orchestratord"),
                                    m_settings.certificateFile.isEmpty()
                                        ? QWebSocketServer::NonSecureMode
                                        : QWebSocketServer::SecureMode,
                                    this))
{
    m_server->setHandshakeTimeout(m_settings.authTimeoutMs);
    connect(m_server, &QWebSocketServer::newConnection, this, &RemoteServer::onConnection);
    connect(&engine, &EngineApi::event, this, [this](const RunEvent& e) {
        broadcast({{"type", "event"}, {"event", wire::toJson(e)}});
    });
    connect(&engine, &EngineApi::stepCommitted, this, [this](const StepRecord& s) {
        broadcast({{"type", "step_committed"}, {"step", wire::toJson(s)}});
    });
    connect(&engine, &EngineApi::runStopped, this, [this](const RunRecord& r) {
        broadcast({{"type", "run_stopped"}, {"run", wire::toJson(r)}});
    });
    connect(&engine, &EngineApi::reportWritten, this, [this](const QString& runId, const QString&) {
        broadcast({{"type", "report_written"}, {"run_id", toStd(runId)}});
    });
}

RemoteServer::~RemoteServer() = default;

Result<void> RemoteServer::listen()
{
    if (m_settings.token.isEmpty())
        return Error{QStringLiteral("remote_api: no token configured")};
    if (!m_settings.certificateFile.isEmpty()) {
        QFile certificate(m_settings.certificateFile), key(m_settings.privateKeyFile);
        if (!certificate.open(QIODevice::ReadOnly) || !key.open(QIODevice::ReadOnly))
            return Error{
                QStringLiteral("remote_api: cannot read the certificate or the private key")};
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.setLocalCertificate(QSslCertificate(&certificate, QSsl::Pem));
        tls.setPrivateKey(QSslKey(&key, QSsl::Rsa, QSsl::Pem));
        if (tls.localCertificate().isNull() || tls.privateKey().isNull())
            return Error{
                QStringLiteral("remote_api: the certificate or the private key is not valid PEM")};
        m_server->setSslConfiguration(tls);
    }
    if (!m_server->listen(m_settings.bind, m_settings.port))
        return Error{QStringLiteral("remote_api: cannot listen on %1:%2: %3")
                         .arg(m_settings.bind.toString())
                         .arg(m_settings.port)
                         .arg(m_server->errorString())};
    log::get("remote")->info("remote API on {}:{}", m_settings.bind.toString(),
                             m_server->serverPort());
    return {};
}

quint16 RemoteServer::port() const
{
    return m_server->serverPort();
}

void RemoteServer::onConnection()
{
    while (QWebSocket* socket = m_server->nextPendingConnection()) {
        socket->setParent(this);
        if (!admit(socket))
            continue;
        // Until the token is checked, a frame larger than a hello is refused as its header
        // arrives, before its payload is buffered.
        socket->setMaxAllowedIncomingFrameSize(quint64(m_settings.maxHelloBytes));
        socket->setMaxAllowedIncomingMessageSize(quint64(m_settings.maxHelloBytes));
        connect(socket, &QWebSocket::textMessageReceived, this,
                [this, socket](const QString& text) { onMessage(socket, text); });
        connect(socket, &QWebSocket::binaryMessageReceived, this, [socket] {
            socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported,
                          QStringLiteral("text messages only"));
        });
        connect(socket, &QWebSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            m_waiting.remove(socket);
            socket->deleteLater();
        });
        QTimer::singleShot(m_settings.authTimeoutMs, socket, [this, socket] {
            if (!m_clients.contains(socket))
                socket->close(
                    QWebSocketProtocol::CloseCodePolicyViolated,
                    QStringLiteral("authentication required: send hello with the token first"));
        });
    }
}

bool RemoteServer::admit(QWebSocket* socket)
{
    const QString address = socket->peerAddress().toString();
    int fromAddress = 0;
    for (const QString& other : std::as_const(m_waiting))
        fromAddress += other == address;
    const bool full = m_waiting.size() >= m_settings.maxUnauthenticated ||
                      fromAddress >= m_settings.maxUnauthenticatedPerAddress;
    if (!full) {
        m_waiting.insert(socket, address);
        return true;
    }
    log::get("remote")->warn("{}: refused, too many connections waiting to authenticate",
                             clientName(socket));
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);
    socket->close(QWebSocketProtocol::CloseCodePolicyViolated,
                  QStringLiteral("too many connections waiting to authenticate"));
    return false;
}

void RemoteServer::onMessage(QWebSocket* socket, const QString& text)
{
    if (auto ok = guarded("remote", "a client's message",
                          [&] {
                              const Json message = parseJson(text.toUtf8());
                              if (!message.is_object())
                                  return send(socket,
                                              {{"type", "error"},
                                               {"id", nullptr},
                                               {"error",
                                                {{"code", "bad_request"},
                                                 {"message", "a message must be a JSON object"}}}});
                              if (!m_clients.contains(socket))
                                  return authenticate(socket, message);
                              handleRequest(socket, message);
                          });
        !ok)
        send(socket, {{"type", "error"},
                      {"id", nullptr},
                      {"error", {{"code", "failed"}, {"message", toStd(ok.error())}}}});
}

void RemoteServer::handleRequest(QWebSocket* socket, const Json& message)
{
    const Json id = member(message, "id");
    if (stringOr(message, "type") != "request" || !message.contains("method") ||
        !message["method"].is_string())
        return send(socket, {{"type", "error"},
                             {"id", id},
                             {"error",
                              {{"code", "bad_request"},
                               {"message", "expected {type: request, id, method, params}"}}}});
    const Json params = objectAt(message, "params");
    // The answer may come after the client is gone; it is then dropped.
    m_requests.handle(
        toQ(message["method"].get<std::string>()), params, clientName(socket),
        [socket = QPointer<QWebSocket>(socket), id](Result<Json> outcome) {
            if (!socket)
                return;
            if (!outcome)
                return send(socket, {{"type", "error"},
                                     {"id", id},
                                     {"error", api::errorToJson(outcome.failure())}});
            send(socket, {{"type", "response"}, {"id", id}, {"result", outcome.value()}});
        });
}

void RemoteServer::authenticate(QWebSocket* socket, const Json& hello)
{
    const bool isHello =
        stringOr(hello, "type") == "hello" && hello.contains("token") && hello["token"].is_string();
    if (!isHello || !sameToken(QByteArray::fromStdString(hello["token"].get<std::string>()),
                               m_settings.token)) {
        log::get("remote")->warn("{}: authentication failed", clientName(socket));
        socket->close(
            QWebSocketProtocol::CloseCodePolicyViolated,
            isHello ? QStringLiteral("authentication failed: wrong token")
                    : QStringLiteral("authentication required: send hello with the token first"));
        return;
    }
    m_clients.insert(socket);
    m_waiting.remove(socket);
    socket->setMaxAllowedIncomingFrameSize(quint64(m_settings.maxMessageBytes));
    socket->setMaxAllowedIncomingMessageSize(quint64(m_settings.maxMessageBytes));
    Json methods = Json::array();
    for (const QString& method : RemoteRequests::methods())
        methods.push_back(toStd(method));
    send(socket, {{"type", "welcome"}, {"protocol", kProtocolVersion}, {"methods", methods}});
}

void RemoteServer::send(QWebSocket* socket, const Json& message)
{
    socket->sendTextMessage(QString::fromUtf8(toBytes(message)));
}

void RemoteServer::broadcast(const Json& message)
{
    if (m_clients.isEmpty())
        return;
    const QString text = QString::fromUtf8(toBytes(message));
    for (QWebSocket* socket : std::as_const(m_clients))
        socket->sendTextMessage(text);
}

} // namespace orch
