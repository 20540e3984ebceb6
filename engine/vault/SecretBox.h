#pragma once
// libsodium secretbox with a label sealed in: a sealed value opens only under the label it was
// sealed with, so a row or file copied to another place fails instead of passing as that one.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace orch {

struct SealedValue
{
    QByteArray nonce;
    QByteArray sealed;
};

SealedValue sealLabelled(const QByteArray& key, const QString& label, const QByteArray& value);
// The errors name `label` and say whether the key is wrong or the label another.
Result<QByteArray> openLabelled(const QByteArray& key, const QString& label,
                                const SealedValue& value);

} // namespace orch
