#pragma once
// Secrets encrypted with libsodium secretbox and stored in the database. Everything outside
// sees handles ("key:openai", "bot:weather"); a value is revealed only to the code that hands
// it to a process (environment, 0600 file) or a network client, never to a model, a log, an
// event or a report.

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <vector>

namespace orch {

class Database;

struct VaultEntry
{
    QString handle;
    qint64 createdAt = 0;
};

class Vault
{
public:
    Vault(Database& database, QByteArray key);
    ~Vault();

    // "kind:name"; a bare name is a key ("key:name"). Kinds: key, bot, server, domain, port.
    static Result<QString> normaliseHandle(const QString& handleOrName);

    Result<QString> put(const QString& handleOrName, const QByteArray& value);
    Result<QByteArray> reveal(const QString& handle) const;
    Result<std::vector<VaultEntry>> list() const;
    // An unknown handle is an error (a typo must not look like a removal).
    Result<void> remove(const QString& handle);
    // Whether the store holds any sealed secret (so a missing key is an error, not a new one).
    static Result<bool> holdsSecrets(Database& database);
    // The vault of `database` with the key from `keyFile`, created when the store holds no
    // secret yet (so a lost key is an error, never silently replaced).
    static Result<std::unique_ptr<Vault>> open(Database& database, const QString& keyFile);

private:
    Database& m_db;
    QByteArray m_key;
};

} // namespace orch
