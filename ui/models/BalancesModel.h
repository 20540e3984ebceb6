#pragma once
// Spend by day, agent, model or project (the chart's bars, with their simulated part), spend
// per project over time, and the budgets: the global one and each project's with a limit
// (spent, limit, what is left), calls of unknown price, the offline demo model's simulated
// spend; the database's size. Refreshes when the ledger grows.

#include "RowsModel.h"

#include <QTimer>

namespace orch::ui {

class BalancesModel : public RowsModel
{
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QString dimension READ dimension WRITE setDimension NOTIFY
                   dimensionChanged) // day|agent|model|project
    Q_PROPERTY(bool limited READ limited NOTIFY budgetChanged)
    Q_PROPERTY(double limit READ limit NOTIFY budgetChanged)
    Q_PROPERTY(double spent READ spent NOTIFY budgetChanged)
    Q_PROPERTY(double remaining READ remaining NOTIFY budgetChanged)
    Q_PROPERTY(int unknownCostCalls READ unknownCostCalls NOTIFY budgetChanged)
    Q_PROPERTY(double maxCost READ maxCost NOTIFY budgetChanged)
    // The offline demo model's simulated spend (never budgeted).
    Q_PROPERTY(double simulated READ simulated NOTIFY budgetChanged)
    // [{scope, label, spent, limit}] for the budget bars: global first, then projects with one.
    Q_PROPERTY(QVariantList budgets READ budgets NOTIFY budgetChanged)
    // Spend per project over time: {days: [..], projects: [{label, costs: [per day]}], max}.
    Q_PROPERTY(QVariantMap overTime READ overTime NOTIFY budgetChanged)
    // The engine's database: bytes on disk and free pages (0 when the engine does not say).
    Q_PROPERTY(double databaseMegabytes READ databaseMegabytes NOTIFY budgetChanged)
    Q_PROPERTY(double freeMegabytes READ freeMegabytes NOTIFY budgetChanged)

public:
    explicit BalancesModel(QObject* parent = nullptr);

    QString dimension() const { return m_dimension; }
    void setDimension(const QString& dimension);
    bool limited() const { return m_global.limit.has_value(); }
    double limit() const { return m_global.limit.value_or(0); }
    double spent() const { return m_global.spent; }
    double remaining() const { return m_global.remaining().value_or(0); }
    int unknownCostCalls() const { return m_global.unknownCostCalls; }
    double maxCost() const { return m_maxCost; }
    double simulated() const { return m_global.simulated; }
    QVariantList budgets() const { return m_budgets; }
    QVariantMap overTime() const { return m_overTime; }
    // Builds overTime from rows keyed "day|project" (the days in order, a series per project).
    static QVariantMap seriesByProject(const std::vector<SpendRow>& rows);
    double databaseMegabytes() const { return double(m_storage.databaseBytes) / 1e6; }
    double freeMegabytes() const { return double(m_storage.freeBytes) / 1e6; }

signals:
    void dimensionChanged();
    void budgetChanged();

protected:
    void fetch() override;
    void connectEngine(EngineApi* engine) override;

private:
    QString m_dimension = QStringLiteral("day");
    BudgetStatus m_global;
    StorageStatus m_storage;
    double m_maxCost = 0;
    QVariantList m_budgets;
    QVariantMap m_overTime;
    QTimer m_refresh;
};

} // namespace orch::ui
