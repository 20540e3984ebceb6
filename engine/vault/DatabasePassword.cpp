#include "vault/DatabasePassword.h"

#include "vault/SecretBox.h"
#include "vault/VaultKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <cstdio>

namespace orch {
namespace {
const QString kLabel = QStringLiteral("database-password");
constexpr qint64 kMaxFileBytes = 4096;
} // namespace

QString databasePasswordFile(const QString& vaultKeyFile)
{
    return QFileInfo(vaultKeyFile).dir().filePath(QStringLiteral("database-password.sealed"));
}

Result<void> storeDatabasePassword(const QString& vaultKeyFile, const QByteArray& password)
{
    if (password.isEmpty())
        return Error{QStringLiteral("the database password is empty")};
    if (password.size() > 1024)
        return Error{QStringLiteral("the database password is longer than 1024 bytes")};
    auto key = loadVaultKey(vaultKeyFile);
    if (!key)
        return key.failure();
    const SealedValue sealed = sealLabelled(key.value(), kLabel, password);
    const QString file = databasePasswordFile(vaultKeyFile);
    if (!QDir().mkpath(QFileInfo(file).absolutePath()))
        return Error{QStringLiteral("cannot create the folder of %1").arg(file)};
    const QString next = file + QStringLiteral(".new");
    QFile::remove(next);
    if (auto written = writeNewPrivateFile(next, sealed.nonce.toBase64() + '\n' +
                                                     sealed.sealed.toBase64() + '\n');
        !written)
        return written;
    if (std::rename(QFile::encodeName(next).constData(), QFile::encodeName(file).constData()) !=
        0) {
        QFile::remove(next);
        return Error{QStringLiteral("cannot replace %1").arg(file)};
    }
    return {};
}

Result<QByteArray> loadDatabasePassword(const QString& vaultKeyFile)
{
    const QString path = databasePasswordFile(vaultKeyFile);
    QFile file(path);
    if (!file.exists())
        return QByteArray();
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(path, file.errorString())};
    if (file.size() > kMaxFileBytes)
        return Error{QStringLiteral("%1 is not a sealed password (too large)").arg(path)};
    const QList<QByteArray> lines = file.readAll().split('\n');
    if (lines.size() < 2)
        return Error{QStringLiteral("%1 is not a sealed password").arg(path)};
    // The key must exist already: a new one could never open the file.
    auto key = loadVaultKey(vaultKeyFile, false);
    if (!key)
        return key.failure();
    auto opened = openLabelled(
        key.value(), kLabel,
        {QByteArray::fromBase64(lines[0].trimmed()), QByteArray::fromBase64(lines[1].trimmed())});
    if (!opened)
        return Error{QStringLiteral("%1: %2").arg(path, opened.error())};
    return opened;
}

} // namespace orch
