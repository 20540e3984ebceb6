// The stand-in's control port: what a test or the offline demo does as a person on Telegram
// (sends a message to the bot, reads what the bot sent to a chat) and what the real API has no
// call for (queued faults, counters). Product code never calls it: it is not the Bot API.
//
//   POST /send      {"user_id": N, "text": "..."}   → {"update_id", "message_id"}
//   GET  /messages?chat_id=N&after=M               → {"messages": [{"message_id", "text"}]}
//   POST /fail      {"method", "status", "count", "retry_after"}
//   GET  /counters                                 → getUpdates calls, conflicts, attempts

#include "FakeTelegramServer.h"
#include "TelegramWire.h"

namespace orch::test {

void FakeTelegramServer::handleControl(QTcpSocket* socket, const WireRequest& request)
{
    const WireParams params = paramsOf(request);
    const Json& in = params.values;
    const auto number = [&](const char* key) { return qint64(intOr(in, key, 0)); };
    if (request.path == "/send" && request.verb == "POST") {
        if (number("user_id") == 0 || !in.value("text", Json()).is_string())
            return writeJson(socket, 400, {{"ok", false}, {"error", "user_id and text"}});
        const qint64 updateId = pushText(number("user_id"), toQ(in["text"].get<std::string>()));
        QMutexLocker lock(&m_mutex);
        for (const Json& update : m_updates)
            if (update["update_id"] == updateId)
                return writeJson(socket, 200,
                                 {{"ok", true},
                                  {"update_id", updateId},
                                  {"message_id", update["message"]["message_id"]}});
        return writeJson(socket, 200, {{"ok", true}, {"update_id", updateId}});
    }
    if (request.path == "/messages") {
        Json messages = Json::array();
        for (const BotCall& call : messagesTo(number("chat_id")))
            if (call.messageId > number("after"))
                messages.push_back({{"message_id", call.messageId},
                                    {"text", call.params.value("text", Json(""))}});
        return writeJson(socket, 200, {{"ok", true}, {"messages", messages}});
    }
    if (request.path == "/fail" && request.verb == "POST") {
        failNext(toQ(in.value("method", std::string())), int(number("status")),
                 int(std::max<qint64>(1, number("count"))), int(number("retry_after")));
        return writeJson(socket, 200, {{"ok", true}});
    }
    if (request.path == "/counters") {
        Json attempts = Json::object();
        for (auto it = m_attempts.begin(); it != m_attempts.end(); ++it)
            attempts[toStd(it.key())] = it.value();
        return writeJson(socket, 200,
                         {{"ok", true},
                          {"get_updates", m_getUpdatesCalls},
                          {"conflicts", m_conflicts},
                          {"attempts", attempts}});
    }
    writeJson(socket, 404, {{"ok", false}, {"error", "no such control call"}});
}

} // namespace orch::test
