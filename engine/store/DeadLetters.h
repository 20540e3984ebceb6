#pragma once
// Input from outside that could not be handled (a Telegram update that is not an object, too
// large, or that broke its handler): kept with the reason for a person to look at, instead
// of being retried for ever or lost without a trace.

#include "core/Result.h"

#include <QString>
#include <vector>

namespace orch {

class Database;

struct DeadLetter
{
    qint64 id = 0;
    QString source; // "telegram"
    QString reason;
    QByteArray body; // the raw input, cut at kMaxBodyBytes
    qint64 createdAt = 0;
};

class DeadLetters
{
public:
    static constexpr qsizetype kMaxBodyBytes = 64 * 1024;

    explicit DeadLetters(Database& database) : m_db(database) {}

    // Returns the letter's id.
    Result<qint64> keep(const QString& source, const QString& reason, const QByteArray& body);
    Result<std::vector<DeadLetter>> list(const QString& source);

private:
    Database& m_db;
};

} // namespace orch
