#pragma once
// A local stand-in for the Telegram Bot API over real HTTP/1.1 on 127.0.0.1, as strict as the
// real one (https://core.telegram.org/bots/api): only /bot<token>/<method> is served; an
// unknown path or method answers 404 "Not Found", a wrong token 401 "Unauthorized"; getUpdates
// holds the connection until an update arrives or its `timeout` passes, and a second poller of
// the token ends the first with 409 "Conflict: terminated by other getUpdates request"; queued
// faults answer as Telegram does (429 with parameters.retry_after); deleteMessage refuses a
// message it does not know in that chat, and one sent 48 hours ago or more
// (https://core.telegram.org/bots/api#deletemessage: "Bad Request: message can't be deleted").
// Users cannot be impersonated through it, as through the real API.
//
// What a test needs beyond that (a person's client: sending as a user, reading what the bot
// sent; faults; counters) is this class's C++ interface, and for other processes a separate
// control port (FakeTelegramControl.cpp) that product code never calls.

#include "core/Json.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QTcpServer>
#include <QUrl>
#include <deque>

class QTcpSocket;

namespace orch::test {

struct WireRequest;

struct BotCall
{
    QString method;
    Json params;         // the call's parameters (query, form, JSON or multipart text fields)
    QByteArray document; // sendDocument's file
    QString fileName;
    qint64 messageId = 0; // the message the call created or edited
    qint64 atMs = 0;      // when it arrived (wall clock)
    qint64 steadyNs = 0;  // when it arrived (steady clock, for latency)
};

class FakeTelegramServer : public QObject
{
    Q_OBJECT
public:
    explicit FakeTelegramServer(QByteArray token, QObject* parent = nullptr);

    // The Bot API on one loopback port, the control side on another.
    bool listen();
    QUrl baseUrl() const;    // http://127.0.0.1:PORT (the bot adds /bot<token>/<method>)
    QUrl controlUrl() const; // http://127.0.0.1:PORT2 (FakeTelegramControl.cpp)
    void setUsername(const QString& username) { m_username = username; } // getMe's

    // A person's side. Updates as Telegram would deliver them; returns the update_id. Safe
    // from any thread.
    qint64 pushText(qint64 userId, const QString& text,
                    const QString& language = QStringLiteral("en"));
    qint64 pushButton(qint64 userId, qint64 messageId, const QString& data);
    // Any update body, however malformed; its update_id is assigned.
    qint64 push(Json update);
    // The next `count` calls of `method` fail with `status` (429 carries retry_after), in the
    // words Telegram uses for that status unless `description` gives others.
    void failNext(const QString& method, int status, int count = 1, int retryAfterS = 0,
                  const std::string& description = {});
    // Time passes for the stand-in: every message is `seconds` older (deleteMessage's limit).
    void passTime(qint64 seconds);

    QList<BotCall> calls(const QString& method = {}) const;
    QList<BotCall> messagesTo(qint64 chatId) const; // sendMessage and sendDocument, in order
    // Whether a message (text or caption) to `chatId` contains `needle`, and the first such.
    bool said(qint64 chatId, const QString& needle) const
    {
        return messageWith(chatId, needle).messageId != 0;
    }
    BotCall messageWith(qint64 chatId, const QString& needle) const;
    // The same, counting edits too: a text the person saw, sent or edited into a message.
    bool saidOrEdited(qint64 chatId, const QString& needle) const
    {
        return sentOrEditedWith(chatId, needle).messageId != 0;
    }
    BotCall sentOrEditedWith(qint64 chatId, const QString& needle) const;
    // Whether a message in the chat shows `needle` now (after its edits), and a message's text.
    bool shows(qint64 chatId, const QString& needle) const;
    QString shownText(qint64 messageId) const;
    int getUpdatesCalls() const { return m_getUpdatesCalls; }
    // Requests of `method`, failed ones included.
    int attempts(const QString& method) const { return m_attempts.value(method); }
    // Highest offset a getUpdates call confirmed (every update below it was received).
    qint64 confirmedOffset() const { return m_confirmed; }
    QStringList tokensSeen() const { return m_tokensSeen; }
    // Held getUpdates calls that a newer one ended with 409.
    int conflicts() const { return m_conflicts; }
    QString webhook() const { return m_webhook; }
    // Whom a webhook's HTTPS answer is trusted from (Telegram: public CAs or the certificate
    // uploaded with setWebhook; tests: Caddy's local CA). The webhook's host is reached on
    // 127.0.0.1, as its DNS would point at this machine.
    void setWebhookTrust(QList<QSslCertificate> authorities) { m_webhookTrust = authorities; }
    int webhookDeliveries() const { return m_webhookDeliveries; }

signals:
    void called(const QString& method);

private:
    struct Pending
    {
        QPointer<QTcpSocket> socket;
        qint64 offset;
        int limit = 100;
    };
    struct Fault
    {
        int status;
        int retryAfterS;
        std::string description;
    };
    void onConnection(QTcpServer* server, bool control);
    void handle(QTcpSocket* socket, const WireRequest& request);
    void handleControl(QTcpSocket* socket, const WireRequest& request);
    void getUpdates(QTcpSocket* socket, const Json& params);
    void setWebhook(QTcpSocket* socket, const Json& params);
    void deliverToWebhook(); // the oldest update, one at a time, until answered 2xx
    void answerPolls();
    std::string refusedEdit(const Json& params) const;
    std::string refusedDelete(const Json& params) const;
    qint64 nowS() const; // the stand-in's clock (passTime moves it)
    Json updatesFrom(qint64 offset, int limit = 100) const; // as getUpdates: at most `limit`

    QByteArray m_token;
    QString m_username = QStringLiteral("test_bot");
    QString m_webhook; // set: getUpdates is refused with 409, updates are posted to it
    QByteArray m_webhookSecret;
    QList<QSslCertificate> m_webhookTrust;
    bool m_delivering = false;
    int m_webhookDeliveries = 0;
    QTcpServer m_server{this}; // children, so moveToThread() takes them along
    QTcpServer m_control{this};
    mutable QMutex m_mutex; // updates and calls: tests may push and read from another thread
    QHash<QTcpSocket*, QByteArray> m_buffers;
    std::deque<Json> m_updates;
    QList<Pending> m_polls;
    QHash<QString, std::deque<Fault>> m_faults;
    QList<BotCall> m_calls;
    struct Shown
    {
        qint64 chatId = 0;
        QString text;
        std::string markup;
    };
    QHash<qint64, Shown> m_shown; // message id → what it shows now (the bot's messages)
    struct Posted
    {
        qint64 chatId = 0;
        qint64 sentAtS = 0; // nowS()
    };
    QHash<qint64, Posted> m_posted; // every message in a chat, the person's too, until deleted
    qint64 m_clockShiftS = 0;
    qint64 m_nextUpdateId = 1000;
    QAtomicInteger<qint64> m_nextMessageId = 1;
    qint64 m_confirmed = 0;
    int m_getUpdatesCalls = 0;
    int m_conflicts = 0;
    QHash<QString, int> m_attempts;
    QStringList m_tokensSeen;
};

} // namespace orch::test
