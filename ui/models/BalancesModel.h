#pragma once
// Spend by day, agent, model or project (the chart's bars), and the global budget: limit,
// spent, what is left, and calls of unknown price; the database's size. Refreshes when the
// ledger grows.

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
    QTimer m_refresh;
};

} // namespace orch::ui
