#pragma once
// Where a store test's databases live on each back end, so one test body runs on both: files
// in a temporary folder for SQLite, new databases in a PostgreSQL cluster started on first use
// (and stopped with this object) for PostgreSQL.

#include "PostgresCluster.h"

#include <QString>
#include <QTemporaryDir>
#include <memory>

namespace orch::test {

class StoreBackends
{
public:
    // For initTestCase_data(): a "backend" column with the rows "sqlite" and "postgresql".
    static void addRows();
    // A location with no store yet. `name` is the SQLite file (folders included) and, cleaned
    // up, part of the PostgreSQL database's name.
    QString location(const QString& backend, const QString& name);
    // The same on the back end of the test row running now (its global "backend" column).
    QString locationForRow(const QString& name);

private:
    QTemporaryDir m_dir;
    std::unique_ptr<PostgresCluster> m_postgres;
    int m_databases = 0;
};

} // namespace orch::test
