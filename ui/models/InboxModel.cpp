#include "InboxModel.h"

#include "api/RunEvents.h"

#include <QDateTime>
#include <algorithm>
#include <memory>

namespace orch::ui {

InboxModel::InboxModel(QObject* parent)
    : RowsModel({"runId", "projectName", "question", "options", "secret", "approval", "askedAt"},
                parent)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(150);
    connect(&m_refresh, &QTimer::timeout, this, &RowsModel::reload);
}

void InboxModel::showQuestions(const QVariantList& questions)
{
    QList<QVariantMap> rows;
    for (const QVariant& question : questions) {
        QVariantMap row = question.toMap();
        row.insert(QStringLiteral("options"), row.value(QStringLiteral("options")).toStringList());
        rows.append(row);
    }
    setRows(rows);
}

void InboxModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::event, this, [this](const RunEvent& e) {
        if (e.kind == EventKind::QuestionAsked || e.kind == EventKind::QuestionAnswered ||
            e.kind == EventKind::RunFinished)
            m_refresh.start();
    });
    connect(engine, &EngineApi::runStopped, this, [this] { m_refresh.start(); });
}

void InboxModel::fetch()
{
    session()->engine()->runs(
        {}, [self = QPointer<InboxModel>(this)](Result<std::vector<RunRecord>> runs) {
            if (!self)
                return;
            if (!runs)
                return self->setError(runs.error());
            std::vector<RunRecord> waiting;
            for (const RunRecord& run : runs.value())
                if (run.status == RunStatus::WaitingHuman)
                    waiting.push_back(run);
            // The question waiting longest first (runs come in the order they were started).
            std::stable_sort(
                waiting.begin(), waiting.end(),
                [](const RunRecord& a, const RunRecord& b) { return a.updatedAt < b.updatedAt; });
            if (waiting.empty())
                return self->setRows({});
            // Each question comes with its run's overview; the rows are set once all arrived.
            auto rows = std::make_shared<std::vector<std::optional<QVariantMap>>>(waiting.size());
            auto left = std::make_shared<size_t>(waiting.size());
            for (size_t i = 0; i < waiting.size(); ++i)
                self->session()->engine()->runOverview(
                    {waiting[i].id}, [self, rows, left, i](Result<RunOverview> overview) {
                        if (overview)
                            if (const auto q = QuestionAsked::fromJson(overview->question))
                                (*rows)[i] = QVariantMap{{"runId", overview->run.id},
                                                         {"projectName", overview->project.name},
                                                         {"question", q->text},
                                                         {"options", q->choices()},
                                                         {"secret", q->secret},
                                                         {"approval", q->approval},
                                                         {"askedAt", QDateTime::fromMSecsSinceEpoch(
                                                                         overview->run.updatedAt)}};
                        if (--*left > 0 || !self)
                            return;
                        QList<QVariantMap> shown;
                        for (const auto& row : *rows)
                            if (row)
                                shown.append(*row);
                        self->setRows(shown);
                    });
        });
}

} // namespace orch::ui
