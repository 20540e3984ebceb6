#pragma once
// Starts a chat asked for and was answered ("Starting project…") but that have no outcome yet
// (a run, a refusal, an error). Kept in the store from the moment the update is handled (its
// offset is saved after), so a process killed in between leaves a row the next one resumes,
// not a chat at "Starting…" forever. One per chat: the chat lock allows no second.

#include "core/Result.h"

#include <QString>
#include <vector>

namespace orch {

class Database;

struct PendingStart
{
    qint64 chatId = 0;
    qint64 userId = 0;
    QString language;
    bool admin = false;
    QString name;
    QString description;
    bool anyway = false;   // past a forecast above the budget
    qint64 queuedAtMs = 0; // wall clock
};

class PendingStarts
{
public:
    explicit PendingStarts(Database& database) : m_db(database) {}

    Result<void> add(const PendingStart& start);
    Result<void> remove(qint64 chatId);
    Result<std::vector<PendingStart>> all(); // oldest first

private:
    Database& m_db;
};

} // namespace orch
