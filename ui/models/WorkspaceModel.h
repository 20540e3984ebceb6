#pragma once
// The review view's look into a run's project: the workspace's files with the text of the
// chosen one, and the git log with the chosen commit's diff.

#include "CodeLines.h"
#include "RowsModel.h"

namespace orch::ui {

// Rows about one run's project, refetched whenever one of the run's steps commits (a step
// may have written files or committed), plus the text of the chosen row.
class RunRowsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    QML_UNCREATABLE("A base class")
    Q_PROPERTY(QString runId READ runId WRITE setRunId NOTIFY runIdChanged)
    Q_PROPERTY(QString detail READ detail NOTIFY detailChanged)
    // The detail as numbered rows for a line view (a file's lines, a diff's with both sides).
    Q_PROPERTY(QVariantList detailLines READ detailLines NOTIFY detailChanged)

public:
    using RowsModel::RowsModel;

    QString runId() const { return m_runId; }
    void setRunId(const QString& runId);
    QString detail() const { return m_detail; }
    QVariantList detailLines() const { return m_detailLines; }

signals:
    void runIdChanged();
    void detailChanged();

protected:
    void connectEngine(EngineApi* engine) override;
    void setDetail(const QString& text);
    // How the detail becomes rows: numbered lines here, a diff's in the commits' model.
    virtual QVariantList linesOf(const QString& text) const;
    // Fills the rows from an answer, if it is still for the run shown.
    template <typename T> bool stillCurrent(const QString& runId, const Result<T>& answer)
    {
        if (runId != m_runId)
            return false;
        if (!answer)
            setError(answer.error());
        return answer.ok();
    }

private:
    QString m_runId;
    QString m_detail;
    QVariantList m_detailLines;
};

// The workspace's files; `detail` is the chosen file's text.
class WorkspaceModel : public RunRowsModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit WorkspaceModel(QObject* parent = nullptr);
    Q_INVOKABLE void open(const QString& path);

protected:
    void fetch() override;
    QVariantList linesOf(const QString& text) const override; // coloured by the file's language

private:
    QString m_openPath;
};

// The git log; `detail` is the chosen commit's diff.
class CommitsModel : public RunRowsModel
{
    Q_OBJECT
    QML_ELEMENT
    // The chosen diff side by side: old on the left, new on the right (CodeLines' sideBySide).
    Q_PROPERTY(QVariantList sideBySideLines READ sideBySideLines NOTIFY detailChanged)

public:
    explicit CommitsModel(QObject* parent = nullptr);
    Q_INVOKABLE void showDiff(const QString& sha);
    QVariantList sideBySideLines() const { return sideBySide(detailLines()); }

protected:
    void fetch() override;
    QVariantList linesOf(const QString& text) const override;
};

} // namespace orch::ui
