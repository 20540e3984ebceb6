#pragma once
// Conversions between the store's rows and the engine's values, shared by the store's files.

#include "core/Json.h"
#include "core/Redaction.h"

#include <QDateTime>
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
inline QString text(const Json& value)
{
    return toQ(redaction::text(dumpJson(value)));
}
inline Json json(const QVariant& value)
{
    Json parsed = parseJson(value.toString().toUtf8());
    return parsed.is_discarded() ? Json() : parsed;
}

} // namespace orch::sql
