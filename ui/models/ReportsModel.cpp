#include "ReportsModel.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

namespace orch::ui {

ReportsModel::ReportsModel(QObject* parent)
    : RowsModel({"key", "kind", "projectId", "projectName", "status", "cost", "simulated",
                 "createdAt", "markdown"},
                parent)
{
}

void ReportsModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::reportWritten, this, &RowsModel::reload);
}

void ReportsModel::setSearch(const QString& search)
{
    if (m_search == search)
        return;
    m_search = search;
    emit searchChanged();
    applySearch();
}

void ReportsModel::setSelectedKey(const QString& key)
{
    if (m_selectedKey == key)
        return;
    m_selectedKey = key;
    emit selectedChanged();
}

int ReportsModel::selectedRow() const
{
    for (int i = 0; i < rows().size(); ++i)
        if (rows()[i].value("key").toString() == m_selectedKey)
            return i;
    return -1;
}

QString ReportsModel::selectedMarkdown() const
{
    for (const QVariantMap& row : m_all)
        if (row.value("key").toString() == m_selectedKey)
            return row.value("markdown").toString();
    return {};
}

void ReportsModel::applySearch()
{
    QList<QVariantMap> shown;
    for (const QVariantMap& row : std::as_const(m_all))
        if (m_search.isEmpty() ||
            row.value("markdown").toString().contains(m_search, Qt::CaseInsensitive) ||
            row.value("projectName").toString().contains(m_search, Qt::CaseInsensitive))
            shown.append(row);
    setRows(shown);
    if (m_selectedKey.isEmpty() && !shown.isEmpty())
        m_selectedKey = shown.first().value("key").toString(); // the newest, to read at once
    emit selectedChanged();                                    // its row moved
}

void ReportsModel::updateReport(const QString& key, const QVariantMap& values)
{
    for (QVariantMap& row : m_all)
        if (row.value("key") == key)
            row.insert(values);
    for (int i = 0; i < rows().size(); ++i)
        if (rows()[i].value("key") == key)
            updateRow(i, values);
    if (key == m_selectedKey)
        emit selectedChanged();
}

void ReportsModel::fetch()
{
    session()->engine()->reports(
        {}, [self = QPointer<ReportsModel>(this)](Result<std::vector<ReportEntry>> reports) {
            if (!self)
                return;
            if (!reports)
                return self->setError(reports.error());
            self->m_all.clear();
            for (const ReportEntry& r : reports.value()) {
                const bool digest = r.key.startsWith(QLatin1String("digest-"));
                const bool away = r.key.startsWith(QLatin1String("away-"));
                self->m_all.append({{"key", r.key},
                                    {"kind", digest ? QStringLiteral("digest")
                                             : away ? QStringLiteral("away")
                                                    : QStringLiteral("run")},
                                    {"projectId", r.projectId},
                                    {"projectName", QString()},
                                    {"status", QString()},
                                    {"cost", QVariant()},
                                    {"simulated", false},
                                    {"createdAt", QDateTime::fromMSecsSinceEpoch(r.createdAt)},
                                    {"markdown", QString()}});
            }
            self->applySearch();
            // Texts and each run's project, status and cost follow one by one; search covers
            // them as they arrive.
            for (const ReportEntry& r : reports.value()) {
                self->session()->engine()->report(
                    {r.key}, [self, key = r.key](Result<QString> markdown) {
                        if (!self || !markdown)
                            return;
                        self->updateReport(key, {{"markdown", markdown.value()}});
                        if (!self->m_search.isEmpty())
                            self->applySearch();
                    });
                if (r.key.startsWith(QLatin1String("digest-")) ||
                    r.key.startsWith(QLatin1String("away-")))
                    continue;
                self->session()->engine()->runOverview(
                    {r.key}, [self, key = r.key](Result<RunOverview> overview) {
                        if (!self || !overview)
                            return;
                        const RunOverview& o = overview.value();
                        self->updateReport(key, {{"projectName", o.project.name},
                                                 {"status", RunStatus::name(o.run.status)},
                                                 {"cost", o.cost},
                                                 {"simulated", o.simulatedCost > 0}});
                    });
            }
        });
}

void ReportsModel::writeAway(const QString& language)
{
    if (!session() || !session()->engine())
        return;
    session()->engine()->awayReport(
        {0, language}, [self = QPointer<ReportsModel>(this)](Result<ReportEntry> away) {
            if (!self)
                return;
            if (!away)
                return self->setError(away.error());
            self->setSelectedKey(away->key);
            self->reload();
        });
}

bool ReportsModel::exportReport(int row, const QUrl& file) const
{
    const QString path = file.isLocalFile() ? file.toLocalFile() : file.toString();
    QSaveFile out(path);
    const QByteArray bytes = get(row).value("markdown").toString().toUtf8();
    return !bytes.isEmpty() && out.open(QIODevice::WriteOnly) && out.write(bytes) == bytes.size() &&
           out.commit();
}

} // namespace orch::ui
