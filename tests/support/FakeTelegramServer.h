#pragma once
// A local stand-in for the Telegram Bot API over real HTTP/1.1 on 127.0.0.1: getUpdates long
// polling with offsets, sendMessage, editMessageText, answerCallbackQuery, setMyCommands,
// sendDocument (multipart) and getMe. Tests push updates as users would and read what the bot
// sent; faults (429 with retry_after, 502) can be queued per method. The test-user side
// (/testuser<token>/sendMessage and /getReplies) lets a Tester talk to a bot as a user would.

#include "core/Json.h"

#include <QHash>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QUrl>
#include <deque>

class QTcpSocket;

namespace orch::test {

struct BotCall
{
    QString method;
    Json params;         // JSON body, or the text fields of a multipart upload
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

    bool listen();
    QUrl baseUrl() const; // http://127.0.0.1:PORT (the bot adds /bot<token>/<method>)

    // Updates as Telegram would deliver them; returns the update_id. Safe from any thread.
    qint64 pushText(qint64 userId, const QString& text,
                    const QString& language = QStringLiteral("en"));
    qint64 pushButton(qint64 userId, qint64 messageId, const QString& data);
    // Any update body, however malformed; its update_id is assigned.
    qint64 push(Json update);
    // The next `count` calls of `method` fail with `status` (429 carries retry_after).
    void failNext(const QString& method, int status, int count = 1, int retryAfterS = 0);

    static constexpr qint64 kTestUserId = 4242; // who speaks through the test-user side

    QList<BotCall> calls(const QString& method = {}) const;
    QList<BotCall> messagesTo(qint64 chatId) const; // sendMessage and sendDocument, in order
    // Whether a message (text or caption) to `chatId` contains `needle`, and the first such.
    bool said(qint64 chatId, const QString& needle) const
    {
        return messageWith(chatId, needle).messageId != 0;
    }
    BotCall messageWith(qint64 chatId, const QString& needle) const;
    int getUpdatesCalls() const { return m_getUpdatesCalls; }
    // Requests of `method`, failed ones included.
    int attempts(const QString& method) const { return m_attempts.value(method); }
    // Highest offset a getUpdates call confirmed (every update below it was received).
    qint64 confirmedOffset() const { return m_confirmed; }
    QStringList tokensSeen() const { return m_tokensSeen; }

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
    };
    void onConnection();
    void onReadable(QTcpSocket* socket);
    void handle(QTcpSocket* socket, const QByteArray& path, const QByteArray& contentType,
                const QByteArray& body);
    void handleTestUser(QTcpSocket* socket, const QByteArray& token, const QByteArray& method,
                        const QByteArray& body);
    void answerPolls();
    Json updatesFrom(qint64 offset, int limit = 100) const; // as getUpdates: at most `limit`
    static void respond(QTcpSocket* socket, int status, const Json& body);

    QByteArray m_token;
    QTcpServer m_server{this}; // a child, so moveToThread() takes it along
    mutable QMutex m_mutex;    // updates and calls: tests may push and read from another thread
    QHash<QTcpSocket*, QByteArray> m_buffers;
    std::deque<Json> m_updates;
    QList<Pending> m_polls;
    QHash<QString, std::deque<Fault>> m_faults;
    QList<BotCall> m_calls;
    qint64 m_nextUpdateId = 1000;
    QAtomicInteger<qint64> m_nextMessageId = 1;
    qint64 m_confirmed = 0;
    int m_getUpdatesCalls = 0;
    QHash<QString, int> m_attempts;
    QStringList m_tokensSeen;
};

} // namespace orch::test
