// Whose a secret is, and which projects may hand it to their services.
#include "store/Database.h"
#include "vault/Vault.h"

#include <QDateTime>
#include <QRegularExpression>
#include <QVariant>

namespace orch {

Result<QString> Vault::normaliseScope(const QString& scope)
{
    static const QRegularExpression project(QStringLiteral("^project:[A-Za-z0-9_-]{1,64}$"));
    const QString given = scope.trimmed();
    if (given == kServerScope || given == kSharedScope || project.match(given).hasMatch())
        return given;
    return Error{
        QStringLiteral("'%1' is not a secret's scope (server, shared, project:<id>)").arg(scope),
        ErrorCode::Invalid};
}

Result<void> Vault::usableBy(const QString& handle, const QString& projectId) const
{
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT s.scope, EXISTS (SELECT 1 FROM secret_grants g WHERE g.handle = s.handle AND "
        "g.project_id IN (?, '*')) FROM secrets s WHERE s.handle = ?"));
    q.addBindValue(projectId);
    q.addBindValue(handle);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("no secret %1 in the vault; ask the person for it").arg(handle),
                     ErrorCode::NotFound};
    const QString scope = q.value(0).toString();
    const bool granted = q.value(1).toBool();
    q.finish();
    if (scope == QStringLiteral("project:") + projectId)
        return {};
    if (scope == kSharedScope && granted)
        return {};
    if (scope == kServerScope)
        return Error{QStringLiteral("%1 is the orchestrator's own secret; no project may use it")
                         .arg(handle),
                     ErrorCode::Forbidden};
    if (scope == kSharedScope)
        return Error{QStringLiteral("%1 is shared but not granted to this project; an admin "
                                    "grants it (orchestratord secrets grant %1 %2)")
                         .arg(handle, projectId),
                     ErrorCode::Forbidden};
    return Error{QStringLiteral("%1 belongs to another project").arg(handle), ErrorCode::Forbidden};
}

Result<QString> Vault::scopeOf(const QString& handle) const
{
    QSqlQuery& q = m_db.prepared(QStringLiteral("SELECT scope FROM secrets WHERE handle = ?"));
    q.addBindValue(handle);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    if (!q.next())
        return Error{QStringLiteral("no secret %1 in the vault").arg(handle), ErrorCode::NotFound};
    const QString scope = q.value(0).toString();
    q.finish();
    return scope;
}

Result<QByteArray> Vault::revealFor(const QString& handle, const QString& projectId) const
{
    if (auto usable = usableBy(handle, projectId); !usable)
        return usable.failure();
    return reveal(handle);
}

Result<void> Vault::grant(const QString& handle, const QString& projectId, const QString& byWhom)
{
    QSqlQuery& scope = m_db.prepared(QStringLiteral("SELECT scope FROM secrets WHERE handle = ?"));
    scope.addBindValue(handle);
    if (auto ok = Database::exec(scope); !ok)
        return ok.failure();
    if (!scope.next())
        return Error{QStringLiteral("no secret %1 in the vault").arg(handle), ErrorCode::NotFound};
    const bool shared = scope.value(0).toString() == kSharedScope;
    scope.finish();
    if (!shared)
        return Error{QStringLiteral("%1 is not shared; only shared secrets are granted (set it "
                                    "again with --shared)")
                         .arg(handle),
                     ErrorCode::Invalid};
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("INSERT INTO secret_grants (handle, project_id, granted_by, created_at) "
                       "VALUES (?, ?, ?, ?) ON CONFLICT (handle, project_id) DO UPDATE SET "
                       "granted_by = excluded.granted_by, created_at = excluded.created_at"));
    q.addBindValue(handle);
    q.addBindValue(projectId);
    q.addBindValue(byWhom);
    q.addBindValue(QDateTime::currentMSecsSinceEpoch());
    return Database::exec(q);
}

} // namespace orch
