#pragma once
// A JSON document as a tree the view can fold: one row per visible node with its JSON
// pointer, key, depth, kind and a one-line preview. Objects and lists start folded below the
// top level; toggle() opens or closes one. Rows are capped so a huge state stays responsive.

#include "core/Json.h"

#include <QAbstractListModel>
#include <QSet>
#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class JsonTreeModel : public QAbstractListModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("Owned by the checkpoint inspector")
    Q_PROPERTY(int count READ count NOTIFY countChanged)
    Q_PROPERTY(bool truncated READ truncated NOTIFY countChanged)

public:
    static constexpr int kMaxRows = 2000;
    static constexpr int kPreviewChars = 160;

    explicit JsonTreeModel(QObject* parent = nullptr);

    void setDocument(Json document);
    const Json& document() const { return m_document; }
    // Pointers shown as changed (the diff from the step before).
    void setChangedPaths(QSet<QString> paths);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QHash<int, QByteArray> roleNames() const override;
    int count() const { return int(m_rows.size()); }
    bool truncated() const { return m_truncated; }

    Q_INVOKABLE void toggle(int row);
    // The row of a pointer when it is visible, else -1.
    Q_INVOKABLE int rowOf(const QString& path) const;
    // The value at the pointer: a string as it is, anything else as JSON text.
    Q_INVOKABLE QString valueText(const QString& path) const;

    // A one-line summary: {3 keys}, [2 items], or the scalar (strings cut to `limit`).
    static QString preview(const Json& value, int limit = kPreviewChars);

signals:
    void countChanged();

private:
    struct Row
    {
        QString path;
        QString key;
        int depth = 0;
        const Json* value = nullptr;
    };
    void rebuild();
    void addChildren(const Json& node, const QString& path, int depth);

    Json m_document;
    QList<Row> m_rows;
    QSet<QString> m_expanded;
    QSet<QString> m_changed; // changed pointers and their ancestors
    bool m_truncated = false;
};

} // namespace orch::ui
