#pragma once
// The PostgreSQL password, sealed with the vault key in a file beside it. The vault's own
// secrets live in the database, so the password that opens the database cannot be one of them;
// it is sealed with the same key instead, and never sits in the settings or a URL.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace orch {

// <folder of the vault key file>/database-password.sealed
QString databasePasswordFile(const QString& vaultKeyFile);
// Seals `password` and replaces the file atomically (0600 from its first byte).
Result<void> storeDatabasePassword(const QString& vaultKeyFile, const QByteArray& password);
// Empty when no password was stored (libpq's PGPASSWORD and ~/.pgpass apply then); an error
// when the file is there but cannot be opened with this vault key.
Result<QByteArray> loadDatabasePassword(const QString& vaultKeyFile);

} // namespace orch
