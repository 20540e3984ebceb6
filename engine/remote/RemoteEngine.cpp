#include "remote/RemoteEngine.h"

#include "api/MethodCodec.h"
#include "core/Guard.h"
#include "core/Log.h"

#include <QWebSocket>

namespace orch {
RemoteEngine::RemoteEngine(QUrl url, QByteArray token, QObject* parent)
    : EngineApi(parent), m_url(std::move(url)), m_token(std::move(token)),
      m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::connected, this, &RemoteEngine::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &RemoteEngine::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RemoteEngine::onText);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        if (m_wanted)
            m_socket->open(m_url);
    });
}

RemoteEngine::~RemoteEngine()
{
    m_wanted = false;
    m_socket->disconnect(this);
    m_socket->abort();
}

void RemoteEngine::open()
{
    m_wanted = true;
    m_refused = false;
    m_socket->open(m_url);
}

void RemoteEngine::close()
{
    m_wanted = false;
    m_reconnect.stop();
    m_socket->close();
}

void RemoteEngine::onConnected()
{
    m_socket->sendTextMessage(
        QString::fromUtf8(toBytes(Json{{"type", "hello"}, {"token", m_token.toStdString()}})));
}

void RemoteEngine::onDisconnected()
{
    const bool wasReady = m_ready;
    m_ready = false;
    const QString reason =
        m_socket->closeReason().isEmpty() ? m_socket->errorString() : m_socket->closeReason();
    m_lastError = reason;
    m_refused = reason.startsWith(QLatin1String("authentication"));
    auto inFlight = std::exchange(m_inFlight, {});
    for (const RawReply& done : std::as_const(inFlight))
        done(Error{QStringLiteral("the connection to orchestratord was lost (%1); the request may "
                                  "or may not have been carried out")
                       .arg(reason),
                   ErrorCode::Unavailable});
    if (m_refused) {
        for (Outgoing& waiting : m_waiting)
            waiting.done(
                Error{QStringLiteral("orchestratord refused the connection: %1").arg(reason),
                      ErrorCode::Forbidden});
        m_waiting.clear();
    }
    if (wasReady || m_refused)
        emit connectionChanged(false, reason);
    if (m_wanted && !m_refused)
        scheduleReconnect();
}

void RemoteEngine::scheduleReconnect()
{
    log::get("remote")->info("reconnecting to {} in {} ms", m_url.toDisplayString().toStdString(),
                             m_backoffMs);
    m_reconnect.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, 10000);
}

void RemoteEngine::onText(const QString& text)
{
    // A server answer that breaks a reader costs that answer, never the desktop.
    (void)guarded("remote", "a server message", [&] { handleText(text); });
}

void RemoteEngine::handleText(const QString& text)
{
    const Json message = parseJson(text.toUtf8());
    if (!message.is_object())
        return log::get("remote")->warn("ignored a message that is not a JSON object");
    const std::string type = stringOr(message, "type");
    if (type == "welcome") {
        m_ready = true;
        m_backoffMs = 500;
        m_lastError.clear();
        emit connectionChanged(true, {});
        while (!m_waiting.empty()) {
            transmit(std::move(m_waiting.front()));
            m_waiting.pop_front();
        }
        return;
    }
    if (type == "response" || type == "error") {
        const qint64 id =
            member(message, "id").is_number_integer() ? message["id"].get<qint64>() : 0;
        RawReply done = m_inFlight.take(id);
        if (!done)
            return;
        if (type == "error") {
            return done(api::errorFromJson(objectAt(message, "error")));
        }
        return done(member(message, "result"));
    }
    if (type == "event") {
        if (auto e = wire::eventFrom(member(message, "event")))
            emit event(e.value());
    } else if (type == "step_committed") {
        if (auto s = wire::stepFrom(member(message, "step")))
            emit stepCommitted(s.value());
    } else if (type == "run_stopped") {
        if (auto r = wire::runFrom(member(message, "run"))) {
            emit runStopped(r.value());
        }
    } else if (type == "report_written") {
        emit reportWritten(toQ(stringOr(message, "run_id")), QString());
    }
}

void RemoteEngine::request(const QString& method, Json params, RawReply done)
{
    Outgoing outgoing{method, std::move(params), std::move(done)};
    if (m_refused)
        return outgoing.done(
            Error{QStringLiteral("orchestratord refused the connection: %1").arg(m_lastError),
                  ErrorCode::Forbidden});
    if (!m_ready) {
        m_waiting.push_back(std::move(outgoing)); // goes out once connected
        return;
    }
    transmit(std::move(outgoing));
}

void RemoteEngine::transmit(Outgoing outgoing)
{
    const qint64 id = m_nextId++;
    m_inFlight.insert(id, std::move(outgoing.done));
    m_socket->sendTextMessage(QString::fromUtf8(toBytes(Json{{"type", "request"},
                                                             {"id", id},
                                                             {"method", toStd(outgoing.method)},
                                                             {"params", outgoing.params}})));
}

// A call of the method table: its parameters out, its answer read back into its type.
template <typename Answer>
void RemoteEngine::call(const char* method, Json params, std::string_view key, Reply<Answer> done)
{
    request(QString::fromLatin1(method), std::move(params),
            [done = std::move(done), key](Result<Json> raw) {
                if (!raw)
                    return done(raw.failure());
                if constexpr (std::is_void_v<Answer>) {
                    done(Result<void>());
                } else {
                    auto answer = api::unwrapAnswer<Answer>(raw.value(), key);
                    if (!answer)
                        return done(Error{QStringLiteral("the server's answer does not fit: %1")
                                              .arg(answer.error())});
                    done(std::move(answer));
                }
            });
}

#define ORCH_FORWARD_CALL(function, wire, Params, Answer, key, doc)                                \
    void RemoteEngine::function(const api::Params& params, Reply<Answer> done)                     \
    {                                                                                              \
        call<Answer>(wire, api::writeParams(params), key, std::move(done));                        \
    }
ORCH_ENGINE_METHODS(ORCH_FORWARD_CALL)
#undef ORCH_FORWARD_CALL

} // namespace orch
