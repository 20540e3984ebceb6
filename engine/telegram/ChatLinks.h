#pragma once
// Which Telegram chat a run belongs to (it was started there), in which language to speak to
// it, and the message that shows the run's progress. Kept in the store, so questions and
// results still reach the chat after a restart.

#include "core/Result.h"

#include <QString>
#include <optional>
#include <vector>

namespace orch {

class Database;

struct ChatLink
{
    QString runId;
    qint64 chatId = 0;
    qint64 userId = 0;
    QString language; // "en" | "ru"
    qint64 progressMessageId = 0;
};

class ChatLinks
{
public:
    explicit ChatLinks(Database& database) : m_db(database) {}

    Result<void> link(const ChatLink& link);
    Result<std::optional<ChatLink>> forRun(const QString& runId);
    Result<std::vector<ChatLink>> forChat(qint64 chatId);    // newest first
    Result<bool> linkedSince(qint64 chatId, qint64 sinceMs); // a run linked to it since then
    Result<bool> anyForChat(qint64 chatId) { return linkedSince(chatId, 0); } // ever one at all
    Result<void> setProgressMessage(const QString& runId, qint64 messageId);

private:
    Database& m_db;
};

} // namespace orch
