#pragma once
// Time travel's inspector: the checkpoint after one step of a run — its state as a tree, what
// changed since the step before, and the conversation of the agent at work — and a fork from
// there with one state value edited.

#include "JsonTreeModel.h"
#include "PendingAction.h"
#include "Session.h"

#include <QtQml/qqmlregistration.h>

namespace orch::ui {

class CheckpointModel : public QObject
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(orch::ui::Session* session READ session WRITE setSession NOTIFY sessionChanged)
    Q_PROPERTY(QString runId READ runId WRITE setRunId NOTIFY stepChanged)
    Q_PROPERTY(int step READ step WRITE setStep NOTIFY stepChanged) // -1: none chosen
    Q_PROPERTY(bool loading READ loading NOTIFY loaded)
    Q_PROPERTY(QString error READ error NOTIFY loaded)
    Q_PROPERTY(QString agent READ agent NOTIFY loaded)
    Q_PROPERTY(orch::ui::JsonTreeModel* tree READ tree CONSTANT)
    // [{path, op: added|removed|changed, before, after}], at most kMaxChanges.
    Q_PROPERTY(QVariantList changes READ changes NOTIFY loaded)
    // [{role, text, tools, failed}] — the agent's conversation as the checkpoint holds it.
    Q_PROPERTY(QVariantList conversation READ conversation NOTIFY loaded)
    Q_PROPERTY(QString editError READ editError NOTIFY editErrorChanged)

public:
    static constexpr int kMaxChanges = 300;
    static constexpr int kMessageChars = 4000;

    explicit CheckpointModel(QObject* parent = nullptr);

    Session* session() const { return m_session; }
    void setSession(Session* session);
    QString runId() const { return m_runId; }
    void setRunId(const QString& runId);
    int step() const { return m_step; }
    void setStep(int step);
    bool loading() const { return m_pending > 0; }
    QString error() const { return m_error; }
    QString agent() const { return m_agent; }
    JsonTreeModel* tree() { return &m_tree; }
    QVariantList changes() const { return m_changes; }
    QVariantList conversation() const { return m_conversation; }
    QString editError() const { return m_editError; }

    // Shows the given checkpoint without an engine (tests, previews): states and cursor as
    // parsed JSON values; a null `previous` means the step has none before it.
    Q_INVOKABLE void show(const QVariant& state, const QVariant& previous, const QVariant& cursor);
    // A fork from this step with the value at `path` replaced by `text`: taken as it is where
    // the value was a string, parsed as JSON otherwise. Null (and editError set) when the text
    // is not a value; `forking` carries the edits either way they are sent.
    Q_INVOKABLE orch::ui::PendingAction* forkWith(const QString& path, const QString& text);

    static QVariantList diff(const Json& before, const Json& after);
    static QVariantList conversationOf(const Json& cursor);

signals:
    void sessionChanged();
    void stepChanged();
    void loaded();
    void editErrorChanged();
    void forking(const QString& editsJson);

private:
    void load();
    void present(const Json& state, const Json& previous, const Json& cursor);
    void setEditError(const QString& error);

    QPointer<Session> m_session;
    QString m_runId;
    int m_step = -1;
    int m_generation = 0; // answers for an earlier step are dropped
    int m_pending = 0;
    QString m_error;
    QString m_agent;
    JsonTreeModel m_tree;
    QVariantList m_changes;
    QVariantList m_conversation;
    QString m_editError;
};

} // namespace orch::ui
