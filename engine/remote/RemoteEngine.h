#pragma once
// The engine of a remote orchestratord, behind the same EngineApi the in-process engine
// offers, so the desktop cannot tell them apart. Requests made while disconnected wait and go
// out once connected; requests in flight when the connection drops fail with the reason (they
// may or may not have run). A lost connection is retried with backoff; a refused token is not.

#include "api/EngineApi.h"

#include <QHash>
#include <QTimer>
#include <QUrl>
#include <deque>

class QWebSocket;

namespace orch {

class RemoteEngine final : public EngineApi
{
    Q_OBJECT
public:
    RemoteEngine(QUrl url, QByteArray token, QObject* parent = nullptr);
    ~RemoteEngine() override;

    void open();
    void close();
    bool isConnected() const { return m_ready; }
    QString lastError() const { return m_lastError; }

    ORCH_ENGINE_API_OVERRIDES

signals:
    void connectionChanged(bool connected, const QString& reason);

private:
    using RawReply = std::function<void(Result<Json>)>;
    struct Outgoing
    {
        QString method;
        Json params;
        RawReply done;
    };
    void request(const QString& method, Json params, RawReply done);
    template <typename Answer>
    void call(const char* method, Json params, std::string_view key, Reply<Answer> done);
    void transmit(Outgoing outgoing);
    void onConnected();
    void onDisconnected();
    void onText(const QString& text);
    void handleText(const QString& text);
    void scheduleReconnect();

    QUrl m_url;
    QByteArray m_token;
    QWebSocket* m_socket;
    bool m_ready = false;   // welcomed
    bool m_wanted = false;  // open() called and close() not
    bool m_refused = false; // the server refused the token: do not retry
    QString m_lastError;
    qint64 m_nextId = 1;
    QHash<qint64, RawReply> m_inFlight;
    std::deque<Outgoing> m_waiting;
    QTimer m_reconnect;
    int m_backoffMs = 500;
};

} // namespace orch
