#pragma once
// The vault's 32-byte key: from ORCHESTRATOR_VAULT_KEY (base64) or a key file readable by its
// owner only, created with a random key the first time.

#include "core/Result.h"

#include <QByteArray>
#include <QString>

namespace orch {

inline constexpr const char* kVaultKeyVariable = "ORCHESTRATOR_VAULT_KEY";

// keyFile: used when the variable is not set. When missing it is created (0600 from the
// start, written and synced before use) only if `mayCreate`: a store that already holds
// sealed secrets needs the key they were sealed with, never a new one.
Result<QByteArray> loadVaultKey(const QString& keyFile, bool mayCreate = true);
QString defaultVaultKeyFile();
// Creates `path` (failing when it exists) with mode 0600 from its first byte, so there is no
// window where others may read it, and syncs it and its folder so a crash cannot lose it.
Result<void>
writeNewPrivateFile(const QString& path,
                    const QByteArray& content); // <XDG config>/codegen-orchestrator/vault.key

} // namespace orch
