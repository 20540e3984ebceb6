// The test's side of the Bot API stand-in: a person's updates (messages, button presses, any
// body), the faults the next calls meet, and what the bot sent and what each message shows now.
#include "FakeTelegramServer.h"

#include <QDateTime>
#include <QTimer>

namespace orch::test {

qint64 FakeTelegramServer::push(Json update)
{
    QMutexLocker lock(&m_mutex);
    const qint64 id = m_nextUpdateId++;
    update["update_id"] = id;
    m_updates.push_back(std::move(update));
    QTimer::singleShot(0, this, &FakeTelegramServer::answerPolls);
    QTimer::singleShot(0, this, &FakeTelegramServer::deliverToWebhook);
    return id;
}

qint64 FakeTelegramServer::pushText(qint64 userId, const QString& text, const QString& language)
{
    const qint64 messageId = m_nextMessageId.fetchAndAddRelaxed(1);
    qint64 sentAtS = 0;
    {
        QMutexLocker lock(&m_mutex);
        sentAtS = nowS();
        m_posted[messageId] = {userId, sentAtS};
    }
    const Json from = {{"id", userId},
                       {"is_bot", false},
                       {"first_name", "Test"},
                       {"language_code", toStd(language)}};
    Json message = {{"message_id", messageId},
                    {"from", from},
                    {"chat", {{"id", userId}, {"type", "private"}, {"first_name", "Test"}}},
                    {"date", sentAtS},
                    {"text", toStd(text)}};
    if (text.startsWith(QLatin1Char('/'))) { // as Telegram marks a command
        const qsizetype end = text.indexOf(QLatin1Char(' '));
        message["entities"] = Json::array(
            {{{"type", "bot_command"}, {"offset", 0}, {"length", end < 0 ? text.size() : end}}});
    }
    return push({{"message", std::move(message)}});
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

void FakeTelegramServer::failNext(const QString& method, int status, int count, int retryAfterS,
                                  const std::string& description)
{
    for (int i = 0; i < count; ++i)
        m_faults[method].push_back({status, retryAfterS, description});
}

void FakeTelegramServer::passTime(qint64 seconds)
{
    QMutexLocker lock(&m_mutex);
    m_clockShiftS += seconds;
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
            intOr(call.params, "chat_id", 0) == chatId)
            result << call;
    return result;
}

bool FakeTelegramServer::shows(qint64 chatId, const QString& needle) const
{
    QMutexLocker lock(&m_mutex);
    for (const Shown& shown : m_shown)
        if (shown.chatId == chatId && shown.text.contains(needle))
            return true;
    return false;
}

QString FakeTelegramServer::shownText(qint64 messageId) const
{
    QMutexLocker lock(&m_mutex);
    return m_shown.value(messageId).text;
}

BotCall FakeTelegramServer::messageWith(qint64 chatId, const QString& needle) const
{
    for (const BotCall& call : messagesTo(chatId))
        if (toQ(call.params.value("text", std::string())).contains(needle) ||
            toQ(call.params.value("caption", std::string())).contains(needle))
            return call;
    return {};
}

BotCall FakeTelegramServer::sentOrEditedWith(qint64 chatId, const QString& needle) const
{
    QMutexLocker lock(&m_mutex);
    for (const BotCall& call : m_calls)
        if ((call.method == QLatin1String("sendMessage") ||
             call.method == QLatin1String("sendDocument") ||
             call.method == QLatin1String("editMessageText")) &&
            intOr(call.params, "chat_id", 0) == chatId &&
            (toQ(call.params.value("text", std::string())).contains(needle) ||
             toQ(call.params.value("caption", std::string())).contains(needle)))
            return call;
    return {};
}

} // namespace orch::test
