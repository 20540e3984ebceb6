#pragma once
// Opens the store's database as the settings name it: a SQLite file, or a PostgreSQL URL whose
// password is the one sealed beside the vault key (see vault/DatabasePassword.h).

#include "core/Result.h"
#include "store/Database.h"

#include <memory>

namespace orch {

Result<std::unique_ptr<Database>> openStoreDatabase(const QString& location,
                                                    const QString& vaultKeyFile);

} // namespace orch
