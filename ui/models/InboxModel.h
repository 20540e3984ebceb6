#pragma once
// The inbox: every question and approval the runs wait on, across projects, oldest first,
// with its options and whether the answer is a secret. It follows the engine's events, so an
// answer given here, in Telegram or from another client takes the question away everywhere.

#include "RowsModel.h"

#include <QTimer>

namespace orch::ui {

class InboxModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT

public:
    explicit InboxModel(QObject* parent = nullptr);

    // Rows given from elsewhere instead of fetched ({runId, projectName, question, options,
    // secret, approval, askedAt}): what the view tests and a previewer use.
    Q_INVOKABLE void showQuestions(const QVariantList& questions);

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    QTimer m_refresh; // coalesces a burst of events into one reload
};

} // namespace orch::ui
