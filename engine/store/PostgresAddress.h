#pragma once
// A PostgreSQL address in libpq's URI form, several hosts included, as the database setting
// takes it:
// postgresql://user@primary:5432,standby:5432/orchestrator?target_session_attrs=read-write (libpq
// tries the hosts in order and, with target_session_attrs=read-write, keeps the one that accepts
// writes: after a standby is promoted, reconnecting finds it). Only libpq's connection parameters
// that are safe to take from a setting pass through.

#include "core/Result.h"

#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace orch {

struct PostgresAddress
{
    QStringList hosts;
    QList<int> ports; // one per host
    QString database;
    QString user;
    QString password;
    QList<QPair<QString, QString>> parameters; // e.g. {"target_session_attrs", "read-write"}

    static Result<PostgresAddress> parse(const QString& uri);
    // The address without its password, for logs and errors.
    QString display() const;
    // libpq "key=value" options beyond host, database, user and password (Qt's QPSQL takes
    // those separately).
    QString connectOptions() const;
};

} // namespace orch
