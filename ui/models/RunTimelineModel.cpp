#include "RunTimelineModel.h"

#include "api/MoneyTypes.h"
#include "api/RunEvents.h"
#include "graph/ProjectState.h"

namespace orch::ui {

RunTimelineModel::RunTimelineModel(QObject* parent)
    : RowsModel({"step", "agent", "kind", "outcome", "tools", "message", "durationMs",
                 "promptTokens", "completionTokens", "cost", "next", "activity"},
                parent)
{
}

void RunTimelineModel::setRunId(const QString& runId)
{
    if (m_runId == runId)
        return;
    m_runId = runId;
    m_storeAway = false;
    m_url.clear();
    m_health.clear();
    m_activity.clear();
    m_liveStep = 0;
    m_liveAgent.clear();
    emit activityChanged();
    emit runIdChanged();
    emit deploymentChanged();
    reload();
}

QVariantMap RunTimelineModel::rowFor(const StepRecord& step,
                                     const std::optional<double>& cost) const
{
    QStringList tools;
    for (const Json& tool : arrayAt(step.detail, "tools"))
        tools << toQ(stringOr(tool, "name")) +
                     (boolOr(tool, "ok", true) ? QString() : QStringLiteral(" ✗"));
    QString text = toQ(stringOr(step.detail, "text"));
    if (step.kind == QLatin1String("human"))
        text = toQ(stringOr(step.detail, "answer"));
    return {{"step", step.stepNo},
            {"agent", step.agent},
            {"kind", step.kind},
            {"outcome", step.outcome},
            {"tools", tools.join(QStringLiteral(", "))},
            {"message", text},
            {"durationMs", step.durationMs},
            {"promptTokens", qint64(step.usage.prompt)},
            {"completionTokens", qint64(step.usage.completion)},
            {"cost", cost ? QVariant(*cost) : QVariant()},
            {"next", toQ(stringOr(step.detail, "next"))},
            {"activity", m_activity.value(step.stepNo).join(QLatin1Char('\n'))}};
}

bool RunTimelineModel::noteActivity(const RunEvent& event)
{
    const auto activity = CodingActivity::from(event);
    const QString line = activity ? activity->line() : QString();
    if (line.isEmpty())
        return false;
    QStringList& lines = m_activity[event.stepNo];
    lines << line;
    if (lines.size() > 200) // a long session keeps its latest work
        lines.removeFirst();
    if (event.stepNo > count()) {
        m_liveStep = event.stepNo;
        m_liveAgent = event.agent;
    }
    return true;
}

// The committed steps' rows show what was noted for them.
void RunTimelineModel::showActivity()
{
    for (int row = 0; row < count(); ++row) {
        const QString lines = m_activity.value(rows()[row].value(QStringLiteral("step")).toInt())
                                  .join(QLatin1Char('\n'));
        if (rows()[row].value(QStringLiteral("activity")).toString() != lines)
            updateRow(row, {{QStringLiteral("activity"), lines}});
    }
    emit activityChanged();
}

void RunTimelineModel::fetchActivity()
{
    session()->engine()->runEvents({m_runId, 0},
                                   [self = QPointer<RunTimelineModel>(this),
                                    runId = m_runId](Result<std::vector<RunEvent>> events) {
                                       if (!self || runId != self->m_runId || !events)
                                           return;
                                       self->m_activity.clear();
                                       for (const RunEvent& e : events.value())
                                           self->noteActivity(e);
                                       self->showActivity();
                                   });
}

void RunTimelineModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::event, this, [this](const RunEvent& e) {
        if (e.runId != m_runId)
            return;
        if (auto charge = LedgerCharge::from(e); charge && charge->cost) {
            m_stepCosts[e.stepNo] = *charge->cost;
            m_cost += *charge->cost;
            if (charge->simulated)
                m_simulatedCost += *charge->cost;
        }
        if (noteActivity(e)) {
            if (e.stepNo <= count())
                showActivity(); // a line that came after its step was committed
            else
                emit activityChanged();
        }
        if (e.kind == EventKind::StoreWaiting || e.kind == EventKind::StoreBack) {
            m_storeAway = e.kind == EventKind::StoreWaiting;
            emit runChanged(); // the store cannot say it while it is away: the event does
        }
        if (e.kind == EventKind::QuestionAsked || e.kind == EventKind::RunFinished ||
            e.kind == EventKind::BudgetWaiting || e.kind == EventKind::QuestionAnswered)
            reload(); // status and question come with the run
    });
    connect(engine, &EngineApi::reportWritten, this, [this](const QString& runId) {
        if (runId == m_runId)
            reload();
    });
    // Events come before their step is stored; a stop comes after, so the next queued
    // question (or the final status) is read from the store then.
    connect(engine, &EngineApi::runStopped, this, [this](const RunRecord& run) {
        if (run.id == m_runId)
            reload();
    });
    connect(engine, &EngineApi::stepCommitted, this, [this](const StepRecord& step) {
        if (step.runId != m_runId || step.stepNo <= count())
            return;
        const auto cost = m_stepCosts.contains(step.stepNo)
                              ? std::optional<double>(m_stepCosts.value(step.stepNo))
                              : std::nullopt;
        appendRow(rowFor(step, cost));
        m_run.steps = step.stepNo;
        if (step.stepNo >= m_liveStep && !m_liveAgent.isEmpty()) {
            m_liveAgent.clear(); // its work is the step's now
            emit activityChanged();
        }
        emit runChanged();
    });
}

void RunTimelineModel::fetch()
{
    if (m_runId.isEmpty())
        return setRows({});
    session()->engine()->runView({m_runId}, [self = QPointer<RunTimelineModel>(this),
                                             runId = m_runId](Result<RunView> detail) {
        if (!self || runId != self->m_runId)
            return;
        if (!detail)
            return self->setError(detail.error());
        self->m_run = detail->run;
        self->m_projectName = detail->project.name;
        self->m_stepCosts.clear();
        self->m_cost = 0;
        self->m_simulatedCost = 0;
        for (const LedgerEntry& entry : detail->ledger)
            if (entry.cost) {
                self->m_stepCosts[entry.stepNo] = *entry.cost;
                self->m_cost += *entry.cost;
                if (isSimulatedProvider(entry.provider))
                    self->m_simulatedCost += *entry.cost;
            }
        const auto question = QuestionAsked::fromJson(detail->question);
        self->m_question = question ? question->text : QString();
        self->m_options = question ? question->choices() : QStringList();
        self->m_questionIsSecret = question && question->secret;
        QList<QVariantMap> rows;
        // A running run may be inside a coding step right now.
        bool coding = !RunStatus::isFinished(detail->run.status);
        for (const StepRecord& step : detail->steps) {
            coding = coding || step.kind == QLatin1String("coding_agent");
            rows.append(
                self->rowFor(step, self->m_stepCosts.contains(step.stepNo)
                                       ? std::optional<double>(self->m_stepCosts.value(step.stepNo))
                                       : std::nullopt));
        }
        self->setRows(rows);
        if (coding)
            self->fetchActivity();
        self->m_report.clear();
        emit self->runChanged();
        self->fetchDeployment();
        if (RunStatus::isFinished(self->m_run.status))
            self->session()->engine()->report({self->m_runId}, [self](Result<QString> markdown) {
                if (self && markdown) {
                    self->m_report = markdown.value();
                    emit self->runChanged();
                }
            });
    });
}

void RunTimelineModel::fetchDeployment()
{
    session()->engine()->runOverview({m_runId}, [self = QPointer<RunTimelineModel>(this),
                                                 runId = m_runId](Result<RunOverview> overview) {
        if (!self || runId != self->m_runId || !overview)
            return;
        self->m_url = overview->url;
        self->m_health = overview->healthy ? (*overview->healthy ? QStringLiteral("healthy")
                                                                 : QStringLiteral("unhealthy"))
                                           : QString();
        emit self->deploymentChanged();
    });
}

} // namespace orch::ui
