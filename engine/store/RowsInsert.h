#pragma once
// An INSERT of several rows at once, for the statements of every step (its events, its new
// messages): one statement run instead of one a row. Its texts for 1 to maxRows rows and the
// names of their values are built once; named placeholders, as Qt builds a `?`'s name at each
// bind. A column's template places its value ("%1", or "CAST(%1 AS TEXT)" for UTF-8 bytes).

#include <QString>
#include <QStringList>
#include <vector>

namespace orch::sql {

class RowsInsert
{
public:
    struct Column
    {
        QString name;
        QString value = QStringLiteral("%1");
    };

    RowsInsert(const QString& into, const std::vector<Column>& columns, size_t maxRows)
    {
        QString values;
        for (size_t row = 0; row < maxRows; ++row) {
            QStringList placed;
            m_names.emplace_back();
            for (const Column& column : columns) {
                m_names.back().push_back(QStringLiteral(":%1%2").arg(column.name).arg(row));
                placed << column.value.arg(m_names.back().back());
            }
            values += (row ? QStringLiteral(", (") : QStringLiteral("(")) + placed.join(u", ") +
                      QLatin1Char(')');
            m_sql.push_back(QStringLiteral("INSERT INTO %1 VALUES ").arg(into) + values);
        }
    }

    size_t maxRows() const { return m_sql.size(); }
    const QString& sql(size_t rows) const { return m_sql[rows - 1]; }
    const QString& name(size_t row, size_t column) const { return m_names[row][column]; }

private:
    std::vector<std::vector<QString>> m_names;
    std::vector<QString> m_sql;
};

} // namespace orch::sql
