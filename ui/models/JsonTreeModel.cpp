#include "JsonTreeModel.h"

#include "VariantJson.h"

namespace orch::ui {

namespace {
enum TreeRole
{
    PathRole = Qt::UserRole + 1,
    KeyRole,
    DepthRole,
    KindRole,
    PreviewRole,
    ExpandableRole,
    ExpandedRole,
    ChangedRole,
};

QString escapeToken(const std::string& key)
{
    QString token = toQ(key);
    token.replace(QLatin1Char('~'), QLatin1String("~0"));
    token.replace(QLatin1Char('/'), QLatin1String("~1"));
    return token;
}

QString kindOf(const Json& value)
{
    switch (value.type()) {
    case Json::value_t::object:
        return QStringLiteral("object");
    case Json::value_t::array:
        return QStringLiteral("array");
    case Json::value_t::string:
        return QStringLiteral("string");
    case Json::value_t::boolean:
        return QStringLiteral("boolean");
    case Json::value_t::null:
        return QStringLiteral("null");
    default:
        return QStringLiteral("number");
    }
}
} // namespace

JsonTreeModel::JsonTreeModel(QObject* parent) : QAbstractListModel(parent) {}

void JsonTreeModel::setDocument(Json document)
{
    m_document = std::move(document);
    m_expanded.clear();
    rebuild();
}

void JsonTreeModel::setChangedPaths(QSet<QString> paths)
{
    // Every changed pointer and each of its ancestors, so a row's lookup is one hash probe.
    m_changed.clear();
    for (const QString& path : paths)
        for (qsizetype end = path.size(); end > 0;
             end = path.lastIndexOf(QLatin1Char('/'), end - 1))
            m_changed.insert(path.left(end));
    if (!m_rows.isEmpty())
        emit dataChanged(index(0), index(int(m_rows.size()) - 1), {ChangedRole});
}

void JsonTreeModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_truncated = false;
    addChildren(m_document, QString(), 0);
    endResetModel();
    emit countChanged();
}

void JsonTreeModel::addChildren(const Json& node, const QString& path, int depth)
{
    if (!node.is_object() && !node.is_array())
        return;
    int position = 0;
    for (auto it = node.begin(); it != node.end(); ++it, ++position) {
        if (m_rows.size() >= kMaxRows) {
            m_truncated = true;
            return;
        }
        const QString key = node.is_object() ? toQ(it.key()) : QString::number(position);
        const QString childPath =
            path + QLatin1Char('/') + (node.is_object() ? escapeToken(it.key()) : key);
        m_rows.push_back({childPath, key, depth, &*it});
        if (m_expanded.contains(childPath))
            addChildren(*it, childPath, depth + 1);
    }
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const Row& row = m_rows.at(index.row());
    switch (role) {
    case PathRole:
        return row.path;
    case KeyRole:
        return row.key;
    case DepthRole:
        return row.depth;
    case KindRole:
        return kindOf(*row.value);
    case PreviewRole:
        return preview(*row.value);
    case ExpandableRole:
        return !row.value->empty() && (row.value->is_object() || row.value->is_array());
    case ExpandedRole:
        return m_expanded.contains(row.path);
    case ChangedRole: // it, or something below it, changed
        return m_changed.contains(row.path);
    default:
        return {};
    }
}

QHash<int, QByteArray> JsonTreeModel::roleNames() const
{
    return {{PathRole, "path"},         {KeyRole, "key"},         {DepthRole, "depth"},
            {KindRole, "kind"},         {PreviewRole, "preview"}, {ExpandableRole, "expandable"},
            {ExpandedRole, "expanded"}, {ChangedRole, "changed"}};
}

void JsonTreeModel::toggle(int row)
{
    if (row < 0 || row >= m_rows.size())
        return;
    const QString path = m_rows.at(row).path;
    if (m_expanded.contains(path)) {
        m_expanded.remove(path);
        const QString below = path + QLatin1Char('/');
        m_expanded.removeIf([&](const QString& open) { return open.startsWith(below); });
    } else {
        m_expanded.insert(path);
    }
    rebuild();
}

int JsonTreeModel::rowOf(const QString& path) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).path == path)
            return row;
    return -1;
}

QString JsonTreeModel::valueText(const QString& path) const
{
    const Json* value = jsonAt(m_document, toStd(path));
    if (!value)
        return {};
    return value->is_string() ? toQ(value->get<std::string>()) : toQ(dumpJson(*value, 2));
}

QString JsonTreeModel::preview(const Json& value, int limit)
{
    if (value.is_object())
        return QObject::tr("{%n key(s)}", "", int(value.size()));
    if (value.is_array())
        return QObject::tr("[%n item(s)]", "", int(value.size()));
    QString text = value.is_string() ? toQ(value.get<std::string>()) : toQ(dumpJson(value));
    text.replace(QLatin1Char('\n'), QLatin1String(" ⏎ "));
    return text.size() > limit ? text.left(limit) + QStringLiteral("…") : text;
}

} // namespace orch::ui
