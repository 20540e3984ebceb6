#pragma once
// What a run will likely cost and take, from the runs that finished before it: each completed
// run leaves its outcome (kind, template, description size, model profiles, cost, working
// time); a forecast takes the outcomes most like the run asked for (all of those, else without
// the size, else without the models) and gives the median with the 10th and 90th percentiles.
// With no such run it says so instead of inventing a number.

#include "api/MoneyTypes.h"
#include "core/Json.h"
#include "core/Result.h"

#include <QElapsedTimer>
#include <QHash>
#include <QString>
#include <vector>

namespace orch {

class Database;

struct RunFeatures
{
    QString kind;         // new, change, repair
    QString templateName; // the scaffold's template ("" before one is chosen)
    int descriptionChars = 0;
    QString profiles; // the graph's models, sorted ("openai/gpt-4o,…")

    // The models a graph document names, in one comparable text.
    static QString profilesOf(const Json& graph);
    static QString sizeClass(int chars); // short, medium, long
};

// The newest outcomes of each kind, kept between the forecasts of one process: read from the
// store once, added to as the process records outcomes, and read again once older than
// `freshForMs`, as other processes record theirs too. A new run's forecast then reads no rows.
class OutcomeMemory
{
public:
    explicit OutcomeMemory(qint64 freshForMs = 60000) : m_freshForMs(freshForMs) {}

private:
    friend class Forecasts;
    struct Outcome
    {
        QString runId, templateName, sizeClass, profiles;
        double cost = 0;
        qint64 workMs = 0, finishedAt = 0;
    };
    struct Window
    {
        QElapsedTimer readAt;
        std::vector<Outcome> newestFirst;
    };
    QHash<QString, Window> m_windows; // by kind
    qint64 m_freshForMs;
};

class Forecasts
{
public:
    // Without `memory`, each forecast reads the store (its own memory is never fresh).
    explicit Forecasts(Database& database, OutcomeMemory* memory = nullptr)
        : m_db(database), m_memory(memory ? memory : &m_own)
    {
    }
    Forecasts(const Forecasts&) = delete; // m_memory may point at m_own
    Forecasts& operator=(const Forecasts&) = delete;

    Result<void> recordOutcome(const QString& runId, const RunFeatures& features, double cost,
                               qint64 workMs, qint64 finishedAt);
    Result<RunForecast> forecast(const RunFeatures& wanted);

private:
    using Outcome = OutcomeMemory::Outcome;
    Result<std::vector<Outcome>> newest(const QString& kind);
    Result<const std::vector<Outcome>*> outcomesOf(const QString& kind);
    void remember(const QString& kind, Outcome outcome);

    Database& m_db;
    OutcomeMemory m_own{0};
    OutcomeMemory* m_memory;
};

} // namespace orch
