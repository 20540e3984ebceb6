#include "RowsModel.h"

namespace orch::ui {

RowsModel::RowsModel(QList<QByteArray> roles, QObject* parent)
    : QAbstractListModel(parent), m_roleNames(std::move(roles))
{
}

int RowsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant RowsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int column = role - Qt::UserRole;
    if (column < 0 || column >= m_roleNames.size())
        return role == Qt::DisplayRole && !m_roleNames.isEmpty()
                   ? m_rows[index.row()].value(QString::fromUtf8(m_roleNames[0]))
                   : QVariant();
    return m_rows[index.row()].value(QString::fromUtf8(m_roleNames[column]));
}

QHash<int, QByteArray> RowsModel::roleNames() const
{
    QHash<int, QByteArray> names;
    for (int i = 0; i < m_roleNames.size(); ++i)
        names.insert(Qt::UserRole + i, m_roleNames[i]);
    return names;
}

void RowsModel::setSession(Session* session)
{
    if (m_session == session)
        return;
    m_session = session;
    if (session && session->engine())
        connectEngine(session->engine());
    emit sessionChanged();
    reload();
}

QVariantMap RowsModel::get(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row] : QVariantMap();
}

void RowsModel::reload()
{
    if (!m_session || !m_session->engine())
        return;
    if (!m_loading) {
        m_loading = true;
        emit loadingChanged();
    }
    fetch();
}

void RowsModel::setRows(QList<QVariantMap> rows)
{
    const bool countChanges = rows.size() != m_rows.size();
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    if (countChanges)
        emit countChanged();
    if (!m_error.isEmpty()) {
        m_error.clear();
        emit errorChanged();
    }
    if (m_loading) {
        m_loading = false;
        emit loadingChanged();
    }
}

void RowsModel::setError(const QString& error)
{
    if (m_error != error) {
        m_error = error;
        emit errorChanged();
    }
    if (m_loading) {
        m_loading = false;
        emit loadingChanged();
    }
}

void RowsModel::updateRow(int row, const QVariantMap& values)
{
    if (row < 0 || row >= m_rows.size())
        return;
    for (auto it = values.begin(); it != values.end(); ++it)
        m_rows[row].insert(it.key(), it.value());
    emit dataChanged(index(row), index(row));
}

void RowsModel::appendRow(const QVariantMap& row)
{
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
    m_rows.append(row);
    endInsertRows();
    emit countChanged();
}

} // namespace orch::ui
