#include "BalancesModel.h"

namespace orch::ui {

BalancesModel::BalancesModel(QObject* parent)
    : RowsModel({"key", "label", "cost", "simulatedCost", "calls", "unknownCostCalls",
                 "promptTokens", "completionTokens"},
                parent)
{
    m_refresh.setSingleShot(true);
    m_refresh.setInterval(500);
    connect(&m_refresh, &QTimer::timeout, this, &RowsModel::reload);
}

void BalancesModel::connectEngine(EngineApi* engine)
{
    connect(engine, &EngineApi::event, this, [this](const RunEvent& e) {
        if ((e.kind == EventKind::LedgerEntry || e.kind == EventKind::BudgetWaiting) &&
            !m_refresh.isActive())
            m_refresh.start();
    });
    connect(session(), &Session::budgetsChanged, this, &BalancesModel::reload);
}

void BalancesModel::setDimension(const QString& dimension)
{
    if (m_dimension == dimension)
        return;
    m_dimension = dimension;
    emit dimensionChanged();
    reload();
}

void BalancesModel::fetch()
{
    session()->engine()->balances({}, [self = QPointer<BalancesModel>(this)](
                                          Result<Balances> balances) {
        if (!self)
            return;
        if (!balances)
            return self->setError(balances.error());
        const QString& d = self->m_dimension;
        const std::vector<SpendRow>& source = d == QLatin1String("agent")     ? balances->byAgent
                                              : d == QLatin1String("model")   ? balances->byModel
                                              : d == QLatin1String("project") ? balances->byProject
                                                                              : balances->byDay;
        QList<QVariantMap> rows;
        double maxCost = 0;
        for (const SpendRow& r : source) {
            rows.append({{"key", r.key},
                         {"label", r.label},
                         {"cost", r.cost},
                         {"simulatedCost", r.simulatedCost},
                         {"calls", r.calls},
                         {"unknownCostCalls", r.unknownCostCalls},
                         {"promptTokens", r.promptTokens},
                         {"completionTokens", r.completionTokens}});
            maxCost = std::max(maxCost, r.cost);
        }
        self->m_global = balances->global;
        QHash<QString, QString> names;
        for (const SpendRow& project : balances->byProject)
            names.insert(project.key, project.label);
        self->m_budgets = {QVariantMap{
            {"scope", kGlobalScope},
            {"label", tr("All projects")},
            {"spent", balances->global.spent},
            {"limit", balances->global.limit ? QVariant(*balances->global.limit) : QVariant()}}};
        for (const BudgetStatus& project : balances->projects)
            if (project.limit)
                self->m_budgets.append(
                    QVariantMap{{"scope", project.scope},
                                {"label", names.value(project.scope, project.scope)},
                                {"spent", project.spent},
                                {"limit", *project.limit}});
        self->m_overTime = seriesByProject(balances->byProjectDay);
        self->m_storage = balances->storage;
        self->m_maxCost = maxCost;
        self->setRows(rows);
        emit self->budgetChanged();
    });
}

QVariantMap BalancesModel::seriesByProject(const std::vector<SpendRow>& rows)
{
    QStringList days;
    QStringList projects; // ids, in order of first spend
    QHash<QString, QString> labels;
    QHash<QString, double> cost; // "day|project" → cost
    for (const SpendRow& row : rows) {
        const qsizetype bar = row.key.indexOf(QLatin1Char('|'));
        if (bar <= 0)
            continue; // not a day|project key: skipped, never a crash
        const QString day = row.key.left(bar);
        const QString project = row.key.mid(bar + 1);
        if (!days.contains(day))
            days << day;
        if (!projects.contains(project))
            projects << project;
        labels.insert(project, row.label);
        cost[row.key] += row.cost;
    }
    days.sort();
    double max = 0;
    for (const QString& day : days) {
        double total = 0;
        for (const QString& project : projects)
            total += cost.value(day + QLatin1Char('|') + project);
        max = std::max(max, total);
    }
    QVariantList series;
    for (const QString& project : projects) {
        QVariantList costs;
        for (const QString& day : days)
            costs << cost.value(day + QLatin1Char('|') + project);
        series << QVariantMap{{"label", labels.value(project)}, {"costs", costs}};
    }
    return {{"days", days}, {"projects", series}, {"max", max}};
}

} // namespace orch::ui
