#pragma once
// The one chat message that tells a deployment's trouble: sent when it goes down (or the first
// step about it is taken), edited with each step after (restarting, rolling back, repairing,
// given up), and closed when it answers again. Kept in the store, so after a restart of
// `serve` the same message goes on being edited instead of a new one starting.

#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <optional>

namespace orch {

class Database;

struct HealthMessage
{
    qint64 chatId = 0;
    QString service;
    qint64 messageId = 0; // 0 while its sendMessage is on the way
    QStringList lines;    // what it says, one line per change, oldest first
};

class HealthMessages
{
public:
    explicit HealthMessages(Database& database) : m_db(database) {}

    // The chat's open message about `service`, if its trouble has not ended.
    Result<std::optional<HealthMessage>> open(qint64 chatId, const QString& service);
    Result<void> save(const HealthMessage& message);
    Result<void> close(qint64 chatId, const QString& service);

private:
    Database& m_db;
};

} // namespace orch
