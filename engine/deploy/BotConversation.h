#pragma once
// A round trip with a deployed Telegram bot as a user would make it: a message sent to the bot
// and the bot's replies read back, through the test-user side of a Bot API server
// (POST <base>/testuser<token>/sendMessage and /getReplies; the local stand-in speaks it).
// The token travels only in request paths and never appears in an error.

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>

namespace orch {

struct BotExchange
{
    bool ok = false;     // the message was delivered and the wait ended normally
    QStringList replies; // what the bot answered, in order (empty: nothing within the time)
    QString error;
};

class BotConversation : public QObject
{
    Q_OBJECT
public:
    BotConversation(QUrl apiBase, QByteArray token, int timeoutMs, QObject* parent);
    void send(const QString& text);

signals:
    void finished(const orch::BotExchange& exchange);

private:
    void post(const QByteArray& method, const QByteArray& body,
              std::function<void(int status, const QByteArray& body)> then);
    void poll();
    void finish(BotExchange exchange);

    QUrl m_base;
    QByteArray m_token;
    int m_timeoutMs;
    qint64 m_deadline = 0;
    qint64 m_chatId = 0;
    qint64 m_sentId = 0;
    bool m_done = false;
};

} // namespace orch
