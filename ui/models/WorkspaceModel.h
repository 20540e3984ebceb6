#pragma once
// The review view's look into a run's project: the workspace's files with the text of the
// chosen one, and the git log with the chosen commit's diff.

#include "RowsModel.h"

namespace orch::ui {

class WorkspaceModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString runId READ runId WRITE setRunId NOTIFY runIdChanged)
    Q_PROPERTY(QString fileText READ fileText NOTIFY fileTextChanged)

public:
    explicit WorkspaceModel(QObject* parent = nullptr);

    QString runId() const { return m_runId; }
    void setRunId(const QString& runId);
    QString fileText() const { return m_fileText; }
    Q_INVOKABLE void open(const QString& path);

signals:
    void runIdChanged();
    void fileTextChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    void setFileText(const QString& text);

    QString m_runId;
    QString m_fileText;
};

class CommitsModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString runId READ runId WRITE setRunId NOTIFY runIdChanged)
    Q_PROPERTY(QString diff READ diff NOTIFY diffChanged)

public:
    explicit CommitsModel(QObject* parent = nullptr);

    QString runId() const { return m_runId; }
    void setRunId(const QString& runId);
    QString diff() const { return m_diff; }
    Q_INVOKABLE void showDiff(const QString& sha);

signals:
    void runIdChanged();
    void diffChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    QString m_runId;
    QString m_diff;
};

} // namespace orch::ui
