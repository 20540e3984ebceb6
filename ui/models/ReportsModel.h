#pragma once
// Run reports, digests and "while you were away": listed newest first with their project, status
// and cost, searchable in their text, each readable as Markdown and exportable to a file. The
// chosen report is held by its key, so the text shown follows the choice through searches and
// reloads.

#include "RowsModel.h"

namespace orch::ui {

class ReportsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY searchChanged)
    Q_PROPERTY(QString selectedKey READ selectedKey WRITE setSelectedKey NOTIFY selectedChanged)
    Q_PROPERTY(int selectedRow READ selectedRow NOTIFY selectedChanged)
    Q_PROPERTY(QString selectedMarkdown READ selectedMarkdown NOTIFY selectedChanged)

public:
    explicit ReportsModel(QObject* parent = nullptr);

    QString search() const { return m_search; }
    void setSearch(const QString& search);
    QString selectedKey() const { return m_selectedKey; }
    void setSelectedKey(const QString& key);
    int selectedRow() const;
    QString selectedMarkdown() const;
    // Writes the report's Markdown to a local file (path or file: URL); false on failure.
    Q_INVOKABLE bool exportReport(int row, const QUrl& file) const;
    // Writes "while you were away" (the last week) in `language` and shows it once listed.
    Q_INVOKABLE void writeAway(const QString& language);

signals:
    void searchChanged();
    void selectedChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    void applySearch();
    // Sets values on the report's row, in the full list and in the shown one.
    void updateReport(const QString& key, const QVariantMap& values);

    QList<QVariantMap> m_all;
    QString m_search;
    QString m_selectedKey;
};

} // namespace orch::ui
