#pragma once
// Secrets encrypted with libsodium secretbox and stored in the database. Everything outside
// sees handles ("key:openai", "bot:weather"); a value is revealed only to the code that hands
// it to a process (environment, 0600 file) or a network client, never to a model, a log, an
// event or a report.

#include "core/Result.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

namespace orch {

class Database;

struct VaultEntry
{
    QString handle;
    qint64 createdAt = 0;
    QString scope;      // "server", "shared" or "project:<id>"
    QStringList grants; // for a shared secret: the projects it is granted to ("*": all)
};

inline const QString kServerScope = QStringLiteral("server");
inline const QString kSharedScope = QStringLiteral("shared");
inline const QString kEveryProject = QStringLiteral("*");

class Vault
{
public:
    Vault(Database& database, QByteArray key);
    ~Vault();

    // "kind:name"; a bare name is a key ("key:name"). Kinds: key, bot, server, domain, port.
    static Result<QString> normaliseHandle(const QString& handleOrName);

    // `scope`: "server" (the orchestrator's own), "shared", or "project:<id>".
    Result<QString> put(const QString& handleOrName, const QByteArray& value,
                        const QString& scope = kServerScope);
    // For the orchestrator's own use (its keys and tokens): any scope.
    Result<QByteArray> reveal(const QString& handle) const;
    // For a project's service: only its own secrets and shared ones granted to it. The error
    // says why not (a server secret, another project's, not granted) and how to fix it.
    Result<QByteArray> revealFor(const QString& handle, const QString& projectId) const;
    Result<void> usableBy(const QString& handle, const QString& projectId) const;
    // Grants a shared secret to a project (or to every project, "*").
    Result<void> grant(const QString& handle, const QString& projectId, const QString& byWhom);
    static Result<QString> normaliseScope(const QString& scope);
    // Whose the secret is; NotFound when the vault has no such handle.
    Result<QString> scopeOf(const QString& handle) const;
    Result<std::vector<VaultEntry>> list() const;
    // An unknown handle is an error (a typo must not look like a removal).
    Result<void> remove(const QString& handle);
    // Whether the store holds any sealed secret (so a missing key is an error, not a new one).
    static Result<bool> holdsSecrets(Database& database);
    // The vault of `database` with the key from `keyFile`, created when the store holds no
    // secret yet (so a lost key is an error, never silently replaced).
    static Result<std::unique_ptr<Vault>> open(Database& database, const QString& keyFile);

private:
    // Every value (and the key) to the process's redaction (core/Redaction.h).
    void refreshRedaction() const;
    Result<QByteArray> openSealed(const QString& handle) const;

    Database& m_db;
    QByteArray m_key;
};

} // namespace orch
