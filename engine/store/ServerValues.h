#pragma once
// Small named values the server keeps between starts: the Telegram offset, when the last
// digest went out, which graph version new runs use.

#include "core/Result.h"

#include <QString>
#include <optional>

namespace orch {

class Database;

class ServerValues
{
public:
    explicit ServerValues(Database& database) : m_db(database) {}

    Result<std::optional<QString>> get(const QString& key);
    Result<void> set(const QString& key, const QString& value);

private:
    Database& m_db;
};

} // namespace orch
