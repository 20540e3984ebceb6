#pragma once
// Run reports and digests: listed newest first, searchable in their text, each readable as
// Markdown and exportable to a file.

#include "RowsModel.h"

namespace orch::ui {

class ReportsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)

public:
    explicit ReportsModel(QObject* parent = nullptr);

    QString search() const { return m_search; }
    void setSearch(const QString& search);
    // Writes the report's Markdown to a local file (path or file: URL); false on failure.
    Q_INVOKABLE bool exportReport(int row, const QUrl& file) const;

signals:
    void searchChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    void applySearch();

    QList<QVariantMap> m_all;
    QString m_search;
};

} // namespace orch::ui
