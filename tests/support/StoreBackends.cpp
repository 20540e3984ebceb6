#include "StoreBackends.h"

#include <QRegularExpression>
#include <QTest>

namespace orch::test {

void StoreBackends::addRows()
{
    QTest::addColumn<QString>("backend");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("postgresql") << QStringLiteral("postgresql");
}

QString StoreBackends::locationForRow(const QString& name)
{
    QFETCH_GLOBAL(QString, backend);
    return location(backend, name);
}

QString StoreBackends::location(const QString& backend, const QString& name)
{
    ++m_databases;
    if (backend == QLatin1String("sqlite"))
        return m_dir.filePath(QStringLiteral("%1/%2").arg(m_databases).arg(name));
    if (!m_postgres) {
        m_postgres = std::make_unique<PostgresCluster>();
        if (const QString problem = m_postgres->start(); !problem.isEmpty())
            qFatal("PostgreSQL: %s", qPrintable(problem));
    }
    QString database = name.toLower();
    database.replace(QRegularExpression(QStringLiteral("[^a-z0-9]")), QStringLiteral("_"));
    database = QStringLiteral("t%1_%2").arg(m_databases).arg(database).left(60);
    if (const QString failed = m_postgres->createDatabase(database); !failed.isEmpty())
        qFatal("%s", qPrintable(failed));
    return m_postgres->url(database);
}

} // namespace orch::test
