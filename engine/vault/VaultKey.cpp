#include "vault/VaultKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <sodium.h>

namespace orch {

QString defaultVaultKeyFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("codegen-orchestrator/vault.key"));
}

Result<QByteArray> loadVaultKey(const QString& keyFile)
{
    if (sodium_init() < 0)
        return Error{QStringLiteral("libsodium cannot be initialised")};
    const QByteArray fromEnvironment = qgetenv(kVaultKeyVariable);
    if (!fromEnvironment.isEmpty()) {
        const QByteArray key = QByteArray::fromBase64(fromEnvironment.trimmed());
        if (key.size() != crypto_secretbox_KEYBYTES)
            return Error{QStringLiteral("%1 must be %2 bytes in base64")
                             .arg(QLatin1String(kVaultKeyVariable))
                             .arg(crypto_secretbox_KEYBYTES)};
        return key;
    }
    QFile file(keyFile);
    if (!file.exists()) {
        if (!QDir().mkpath(QFileInfo(keyFile).absolutePath()))
            return Error{QStringLiteral("cannot create the folder of %1").arg(keyFile)};
        QByteArray key(crypto_secretbox_KEYBYTES, '\0');
        crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
        if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly))
            return Error{QStringLiteral("cannot create %1: %2").arg(keyFile, file.errorString())};
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
        if (file.write(key.toBase64() + '\n') < 0 || !file.flush())
            return Error{QStringLiteral("cannot write %1: %2").arg(keyFile, file.errorString())};
        return key;
    }
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther
                        | QFileDevice::WriteOther | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    if (file.permissions() & others)
        return Error{QStringLiteral("vault key file %1 must be readable by its owner only "
                                    "(chmod 600 %1)").arg(keyFile)};
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(keyFile, file.errorString())};
    const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
    if (key.size() != crypto_secretbox_KEYBYTES)
        return Error{QStringLiteral("vault key file %1 does not hold a %2-byte key")
                         .arg(keyFile)
                         .arg(crypto_secretbox_KEYBYTES)};
    return key;
}

} // namespace orch
