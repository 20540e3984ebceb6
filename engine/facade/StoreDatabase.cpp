#include "facade/StoreDatabase.h"

#include "vault/DatabasePassword.h"

namespace orch {

Result<std::unique_ptr<Database>> openStoreDatabase(const QString& location,
                                                    const QString& vaultKeyFile)
{
    QByteArray password;
    if (Database::isPostgresUrl(location)) {
        auto sealed = loadDatabasePassword(vaultKeyFile);
        if (!sealed)
            return Error{QStringLiteral("the database password: %1").arg(sealed.error())};
        password = std::move(sealed).value();
    }
    return Database::open(location, password);
}

} // namespace orch
