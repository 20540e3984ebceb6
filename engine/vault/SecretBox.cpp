#include "vault/SecretBox.h"

#include <sodium.h>

namespace orch {

SealedValue sealLabelled(const QByteArray& key, const QString& label, const QByteArray& value)
{
    const QByteArray plain = label.toUtf8() + '\0' + value;
    SealedValue out;
    out.nonce = QByteArray(crypto_secretbox_NONCEBYTES, '\0');
    randombytes_buf(out.nonce.data(), size_t(out.nonce.size()));
    out.sealed = QByteArray(plain.size() + crypto_secretbox_MACBYTES, '\0');
    crypto_secretbox_easy(reinterpret_cast<unsigned char*>(out.sealed.data()),
                          reinterpret_cast<const unsigned char*>(plain.constData()),
                          quint64(plain.size()),
                          reinterpret_cast<const unsigned char*>(out.nonce.constData()),
                          reinterpret_cast<const unsigned char*>(key.constData()));
    return out;
}

Result<QByteArray> openLabelled(const QByteArray& key, const QString& label,
                                const SealedValue& value)
{
    if (value.nonce.size() != crypto_secretbox_NONCEBYTES ||
        value.sealed.size() < crypto_secretbox_MACBYTES)
        return Error{QStringLiteral("secret %1 is damaged").arg(label)};
    QByteArray plain(value.sealed.size() - crypto_secretbox_MACBYTES, '\0');
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                   reinterpret_cast<const unsigned char*>(value.sealed.constData()),
                                   quint64(value.sealed.size()),
                                   reinterpret_cast<const unsigned char*>(value.nonce.constData()),
                                   reinterpret_cast<const unsigned char*>(key.constData())) != 0)
        return Error{
            QStringLiteral("cannot decrypt %1: wrong vault key or tampered data").arg(label)};
    const QByteArray prefix = label.toUtf8() + '\0';
    if (!plain.startsWith(prefix))
        return Error{QStringLiteral("secret %1 was sealed under another handle").arg(label)};
    sodium_memzero(plain.data(), size_t(prefix.size()));
    return plain.mid(prefix.size());
}

} // namespace orch
