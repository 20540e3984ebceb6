#pragma once
// Conversions between the store's rows and the engine's values, shared by the store's files.

#include "api/Records.h"
#include "core/Json.h"
#include "core/Redaction.h"
#include "store/Database.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

namespace orch::sql {

inline qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
// SQLite stores a null QString as NULL; the schema wants '' for "no text".
inline QVariant str(const QString& value)
{
    return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value);
}
// Every JSON column (steps, conversations, events, journal entries) goes through here, so no
// secret value is ever kept (core/Redaction.h).
inline std::string redactedJson(const Json& value)
{
    return redaction::text(dumpJson(value));
}
inline QString text(const Json& value)
{
    return toQ(redactedJson(value));
}
// The same for a placeholder written CAST(:name AS TEXT), on the statements of every step:
// SQLite gets the UTF-8 bytes, which the cast makes text as they are (a QString, Qt binds as
// UTF-16, and SQLite converted each back: 7% of a step's instructions); PostgreSQL gets the
// string, which the cast leaves as it is.
inline QVariant castText(const Json& value, Database::Dialect dialect)
{
    std::string utf8 = redactedJson(value);
    if (dialect == Database::Dialect::SQLite)
        return QVariant(QByteArray::fromStdString(utf8));
    return QVariant(QString::fromStdString(utf8));
}
// A short text (an id, a name) for such a placeholder: its UTF-8 bytes on SQLite ('' for a null
// string, as str()), the string on PostgreSQL.
inline QVariant castStr(const QString& value, Database::Dialect dialect)
{
    if (dialect != Database::Dialect::SQLite)
        return str(value);
    return QVariant(value.isNull() ? QByteArray("") : value.toUtf8());
}
inline Json json(const QVariant& value)
{
    Json parsed = parseJson(value.toString().toUtf8());
    return parsed.is_discarded() ? Json() : parsed;
}

// An event from a row of "SELECT run_id, step_no, agent, kind, payload, created_at, id".
inline RunEvent eventFrom(const QSqlQuery& q)
{
    return {q.value(0).toString(),  q.value(1).toInt(),
            q.value(2).toString(),  EventKind::fromName(q.value(3).toString()),
            json(q.value(4)),       q.value(5).toLongLong(),
            q.value(6).toLongLong()};
}

} // namespace orch::sql
