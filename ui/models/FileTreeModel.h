#pragma once
// A workspace's files as a tree for the review's Files pane: each folder a row that folds and
// unfolds, its files and folders below it, indented. Built from the flat list of paths the
// workspace model holds, which stays as it is.

#include <QAbstractListModel>
#include <QPointer>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class FileTreeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    // The flat model it shows: any list model with a "path" role (the WorkspaceModel).
    Q_PROPERTY(QAbstractItemModel* source READ source WRITE setSource NOTIFY sourceChanged)
    Q_PROPERTY(int count READ rowCount NOTIFY countChanged)

public:
    enum Role
    {
        Path = Qt::UserRole + 1,
        Name,
        Depth,
        Folder,
        Open,
    };

    explicit FileTreeModel(QObject* parent = nullptr) : QAbstractListModel(parent) {}

    QAbstractItemModel* source() const { return m_source; }
    void setSource(QAbstractItemModel* source);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;

    // {path, name, depth, folder, open} of a row; empty out of range.
    Q_INVOKABLE QVariantMap get(int row) const;
    // Folds an open folder, unfolds a folded one.
    Q_INVOKABLE void toggle(const QString& folderPath);

signals:
    void sourceChanged();
    void countChanged();

private:
    struct Entry
    {
        QString path; // folders end in "/"
        QString name;
        int depth = 0;
        bool folder = false;
    };
    void rebuild();

    QPointer<QAbstractItemModel> m_source;
    QList<Entry> m_rows;
    QSet<QString> m_folded;
};

} // namespace orch::ui
