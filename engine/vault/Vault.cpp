#include "vault/Vault.h"

#include "core/Redaction.h"
#include "store/Database.h"
#include "vault/SecretBox.h"
#include "vault/VaultKey.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QVariant>
#include <sodium.h>

namespace orch {
namespace {
const QStringList kKinds = {QStringLiteral("key"), QStringLiteral("bot"), QStringLiteral("server"),
                            QStringLiteral("domain"), QStringLiteral("port")};
}

Vault::Vault(Database& database, QByteArray key) : m_db(database), m_key(std::move(key))
{
    sodium_mlock(m_key.data(), size_t(m_key.size()));
}

Vault::~Vault()
{
    sodium_munlock(m_key.data(), size_t(m_key.size())); // also zeroes it
}

Result<QString> Vault::normaliseHandle(const QString& handleOrName)
{
    static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    QString kind = QStringLiteral("key");
    QString rest = handleOrName.trimmed();
    if (rest.contains(QLatin1Char(':'))) {
        kind = rest.section(QLatin1Char(':'), 0, 0);
        rest = rest.section(QLatin1Char(':'), 1);
    }
    if (!kKinds.contains(kind))
        return Error{QStringLiteral("unknown secret kind '%1' (%2)")
                         .arg(kind, kKinds.join(QStringLiteral(", ")))};
    if (!name.match(rest).hasMatch())
        return Error{QStringLiteral("secret name '%1' must be 1-64 letters, digits, '_', '.', '-'")
                         .arg(rest)};
    return kind + QLatin1Char(':') + rest;
}

Result<QString> Vault::put(const QString& handleOrName, const QByteArray& value,
                           const QString& scope)
{
    auto handle = normaliseHandle(handleOrName);
    if (!handle)
        return handle;
    auto checkedScope = normaliseScope(scope);
    if (!checkedScope)
        return checkedScope;
    if (value.isEmpty())
        return Error{QStringLiteral("the secret value for %1 is empty").arg(handle.value())};
    // The handle is sealed with the value, so a row copied under another handle fails to open.
    const SealedValue sealed = sealLabelled(m_key, handle.value(), value);
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO secrets (handle, nonce, sealed, created_at, scope) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(handle) DO UPDATE SET nonce = excluded.nonce, sealed = excluded.sealed, "
        "scope = excluded.scope"));
    q.addBindValue(handle.value());
    q.addBindValue(sealed.nonce);
    q.addBindValue(sealed.sealed);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    q.addBindValue(checkedScope.value());
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    redaction::addValue(handle.value(), value);
    return handle;
}

Result<QByteArray> Vault::openSealed(const QString& handle) const
{
    QSqlQuery& q =
        m_db.prepared(QStringLiteral("SELECT nonce, sealed FROM secrets WHERE handle = ?"));
    q.addBindValue(handle);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("no secret %1 in the vault").arg(handle)};
    const SealedValue sealed{q.value(0).toByteArray(), q.value(1).toByteArray()};
    q.finish();
    return openLabelled(m_key, handle, sealed);
}

Result<QByteArray> Vault::reveal(const QString& handle) const
{
    auto value = openSealed(handle);
    if (value) // one another worker put since this one opened the vault
        redaction::addValue(handle, value.value());
    return value;
}

void Vault::refreshRedaction() const
{
    auto entries = list();
    if (!entries)
        return;
    std::vector<std::pair<QString, QByteArray>> secrets = {{QStringLiteral("vault key"), m_key}};
    for (const VaultEntry& entry : entries.value())
        if (auto value = openSealed(entry.handle))
            secrets.emplace_back(entry.handle, value.value());
    redaction::setVaultSecrets(secrets);
}

Result<std::vector<VaultEntry>> Vault::list() const
{
    QSqlQuery q = m_db.newQuery();
    const QString grants = m_db.dialect() == Database::Dialect::SQLite
                               ? QStringLiteral("group_concat(g.project_id, ' ')")
                               : QStringLiteral("string_agg(g.project_id, ' ')");
    if (!q.exec(QStringLiteral("SELECT s.handle, MAX(s.created_at), MAX(s.scope), %1 FROM "
                               "secrets s LEFT JOIN secret_grants g ON g.handle = s.handle "
                               "GROUP BY s.handle ORDER BY s.handle")
                    .arg(grants)))
        return Error{QStringLiteral("cannot list secrets")};
    std::vector<VaultEntry> entries;
    while (q.next())
        entries.push_back({q.value(0).toString(), q.value(1).toLongLong(), q.value(2).toString(),
                           q.value(3).toString().split(QLatin1Char(' '), Qt::SkipEmptyParts)});
    return entries;
}

Result<void> Vault::remove(const QString& handle)
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("DELETE FROM secrets WHERE handle = ?"));
    q.addBindValue(handle);
    if (auto ok = Database::exec(q); !ok)
        return ok;
    if (q.numRowsAffected() != 1)
        return Error{QStringLiteral("no secret %1 in the vault (see: secrets list)").arg(handle)};
    QSqlQuery& grants = m_db.prepared(QStringLiteral("DELETE FROM secret_grants WHERE handle = ?"));
    grants.addBindValue(handle);
    // A removed value stays redacted until the process ends: it was a secret, and may still
    // be somewhere.
    return Database::exec(grants);
}

Result<bool> Vault::holdsSecrets(Database& database)
{
    QSqlQuery q = database.newQuery();
    if (!q.exec(QStringLiteral("SELECT 1 FROM secrets LIMIT 1")))
        return Error{QStringLiteral("cannot read the vault's table")};
    return q.next();
}

Result<std::unique_ptr<Vault>> Vault::open(Database& database, const QString& keyFile)
{
    auto sealed = holdsSecrets(database);
    if (!sealed)
        return sealed.failure();
    auto key = loadVaultKey(keyFile, !sealed.value());
    if (!key)
        return key.failure();
    auto vault = std::make_unique<Vault>(database, key.value());
    vault->refreshRedaction();
    return vault;
}

} // namespace orch
