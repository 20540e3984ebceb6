#include "FileTreeModel.h"

#include <algorithm>

namespace orch::ui {

void FileTreeModel::setSource(QAbstractItemModel* source)
{
    if (m_source == source)
        return;
    if (m_source)
        m_source->disconnect(this);
    m_source = source;
    if (m_source) {
        connect(m_source, &QAbstractItemModel::modelReset, this, &FileTreeModel::rebuild);
        connect(m_source, &QAbstractItemModel::layoutChanged, this, &FileTreeModel::rebuild);
        connect(m_source, &QAbstractItemModel::rowsInserted, this, &FileTreeModel::rebuild);
        connect(m_source, &QAbstractItemModel::rowsRemoved, this, &FileTreeModel::rebuild);
        connect(m_source, &QAbstractItemModel::dataChanged, this, &FileTreeModel::rebuild);
    }
    emit sourceChanged();
    rebuild();
}

int FileTreeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant FileTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = m_rows.at(index.row());
    switch (role) {
    case Path:
        return entry.path;
    case Name:
    case Qt::DisplayRole:
        return entry.name;
    case Depth:
        return entry.depth;
    case Folder:
        return entry.folder;
    case Open:
        return entry.folder && !m_folded.contains(entry.path);
    default:
        return {};
    }
}

QHash<int, QByteArray> FileTreeModel::roleNames() const
{
    return {{Path, "path"}, {Name, "name"}, {Depth, "depth"}, {Folder, "folder"}, {Open, "open"}};
}

QVariantMap FileTreeModel::get(int row) const
{
    if (row < 0 || row >= rowCount())
        return {};
    QVariantMap values;
    const QHash<int, QByteArray> roles = roleNames();
    for (auto it = roles.cbegin(); it != roles.cend(); ++it)
        values.insert(QString::fromLatin1(it.value()), data(index(row), it.key()));
    return values;
}

void FileTreeModel::toggle(const QString& folderPath)
{
    if (!m_folded.remove(folderPath))
        m_folded.insert(folderPath);
    rebuild();
}

void FileTreeModel::rebuild()
{
    QStringList paths;
    if (m_source) {
        const int role = m_source->roleNames().key("path", -1);
        for (int row = 0; role >= 0 && row < m_source->rowCount(); ++row)
            paths << m_source->data(m_source->index(row, 0), role).toString();
    }
    // Folders before files at each level, each group by name.
    std::sort(paths.begin(), paths.end(), [](const QString& a, const QString& b) {
        const QStringList x = a.split(QLatin1Char('/'));
        const QStringList y = b.split(QLatin1Char('/'));
        for (qsizetype i = 0; i < std::min(x.size(), y.size()); ++i) {
            if (x.at(i) == y.at(i))
                continue;
            const bool xFolder = i + 1 < x.size();
            const bool yFolder = i + 1 < y.size();
            if (xFolder != yFolder)
                return xFolder;
            return x.at(i).compare(y.at(i), Qt::CaseInsensitive) < 0;
        }
        return x.size() < y.size();
    });
    QList<Entry> rows;
    QSet<QString> shownFolders;
    for (const QString& path : std::as_const(paths)) {
        const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        QString folder;
        bool hidden = false;
        for (qsizetype depth = 0; depth + 1 < parts.size() && !hidden; ++depth) {
            folder += parts.at(depth) + QLatin1Char('/');
            if (!shownFolders.contains(folder)) {
                shownFolders.insert(folder);
                rows.append({folder, parts.at(depth), int(depth), true});
            }
            hidden = m_folded.contains(folder);
        }
        if (!hidden && !parts.isEmpty())
            rows.append({path, parts.last(), int(parts.size() - 1), false});
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
    emit countChanged();
}

} // namespace orch::ui
