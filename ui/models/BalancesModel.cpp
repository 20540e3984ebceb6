#include "BalancesModel.h"

namespace orch::ui {

BalancesModel::BalancesModel(QObject* parent)
    : RowsModel(
          {"key", "label", "cost", "calls", "unknownCostCalls", "promptTokens", "completionTokens"},
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
                         {"calls", r.calls},
                         {"unknownCostCalls", r.unknownCostCalls},
                         {"promptTokens", r.promptTokens},
                         {"completionTokens", r.completionTokens}});
            maxCost = std::max(maxCost, r.cost);
        }
        self->m_global = balances->global;
        self->m_storage = balances->storage;
        self->m_maxCost = maxCost;
        self->setRows(rows);
        emit self->budgetChanged();
    });
}

} // namespace orch::ui
