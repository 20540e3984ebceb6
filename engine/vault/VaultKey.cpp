#include "vault/VaultKey.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sodium.h>
#include <unistd.h>

namespace orch {

QString defaultVaultKeyFile()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
        .filePath(QStringLiteral("codegen-orchestrator/vault.key"));
}

Result<void> writeNewPrivateFile(const QString& file, const QByteArray& content)
{
    const QByteArray path = QFile::encodeName(file);
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{QStringLiteral("cannot create %1: %2")
                         .arg(file, QString::fromLocal8Bit(std::strerror(errno)))};
    const bool written =
        ::write(fd, content.constData(), size_t(content.size())) == content.size() &&
        ::fsync(fd) == 0;
    const int writeErrno = errno;
    ::close(fd);
    if (!written) {
        ::unlink(path.constData());
        return Error{QStringLiteral("cannot write %1: %2")
                         .arg(file, QString::fromLocal8Bit(std::strerror(writeErrno)))};
    }
    const QByteArray folder = QFile::encodeName(QFileInfo(file).absolutePath());
    if (const int dir = ::open(folder.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    return {};
}

Result<QByteArray> loadVaultKey(const QString& keyFile, bool mayCreate)
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
        if (!mayCreate)
            return Error{
                QStringLiteral("the vault key file %1 is missing, but the store holds secrets "
                               "sealed with a key; restore the file (or set %2) instead of "
                               "creating a new key")
                    .arg(keyFile, QLatin1String(kVaultKeyVariable))};
        if (!QDir().mkpath(QFileInfo(keyFile).absolutePath()))
            return Error{QStringLiteral("cannot create the folder of %1").arg(keyFile)};
        QByteArray key(crypto_secretbox_KEYBYTES, '\0');
        crypto_secretbox_keygen(reinterpret_cast<unsigned char*>(key.data()));
        if (auto written = writeNewPrivateFile(keyFile, key.toBase64() + '\n'); !written)
            return written.failure();
        return key;
    }
    const auto others = QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther |
                        QFileDevice::WriteOther | QFileDevice::ExeGroup | QFileDevice::ExeOther;
    if (file.permissions() & others)
        return Error{QStringLiteral("vault key file %1 must be readable by its owner only "
                                    "(chmod 600 %1)")
                         .arg(keyFile)};
    if (!file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read %1: %2").arg(keyFile, file.errorString())};
    const QByteArray key = QByteArray::fromBase64(file.readAll().trimmed());
    if (key.size() != crypto_secretbox_KEYBYTES)
        return Error{QStringLiteral("vault key file %1 does not hold a %2-byte key: it must be "
                                    "%2 random bytes written in base64 on one line, as "
                                    "`head -c %2 /dev/urandom | base64` writes them")
                         .arg(keyFile)
                         .arg(crypto_secretbox_KEYBYTES)};
    return key;
}

} // namespace orch
