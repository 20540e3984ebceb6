#include "ReportsModel.h"

#include <QDateTime>
#include <QFile>
#include <QSaveFile>
#include <QUrl>

namespace orch::ui {

ReportsModel::ReportsModel(QObject* parent)
    : RowsModel({"key", "kind", "projectId", "createdAt", "markdown"}, parent)
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

void ReportsModel::applySearch()
{
    QList<QVariantMap> shown;
    for (const QVariantMap& row : std::as_const(m_all))
        if (m_search.isEmpty() ||
            row.value("markdown").toString().contains(m_search, Qt::CaseInsensitive))
            shown.append(row);
    setRows(shown);
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
            for (const ReportEntry& r : reports.value())
                self->m_all.append(
                    {{"key", r.key},
                     {"kind", r.key.startsWith(QLatin1String("digest-")) ? QStringLiteral("digest")
                                                                         : QStringLiteral("run")},
                     {"projectId", r.projectId},
                     {"createdAt", QDateTime::fromMSecsSinceEpoch(r.createdAt)},
                     {"markdown", QString()}});
            self->applySearch();
            // The texts follow one by one; search covers them as they arrive.
            for (const ReportEntry& r : reports.value())
                self->session()->engine()->report(
                    {r.key}, [self, key = r.key](Result<QString> markdown) {
                        if (!self || !markdown)
                            return;
                        for (QVariantMap& row : self->m_all)
                            if (row.value("key") == key)
                                row.insert(QStringLiteral("markdown"), markdown.value());
                        for (int i = 0; i < self->rows().size(); ++i)
                            if (self->rows()[i].value("key") == key)
                                self->updateRow(i, {{"markdown", markdown.value()}});
                        if (!self->m_search.isEmpty())
                            self->applySearch();
                    });
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
