#pragma once
// What a run will likely cost and take, from the runs that finished before it: each completed
// run leaves its outcome (kind, template, description size, model profiles, cost, working
// time); a forecast takes the outcomes most like the run asked for (all of those, else without
// the size, else without the models) and gives the median with the 10th and 90th percentiles.
// With no such run it says so instead of inventing a number.

#include "api/MoneyTypes.h"
#include "core/Json.h"
#include "core/Result.h"

#include <QString>

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

class Forecasts
{
public:
    explicit Forecasts(Database& database) : m_db(database) {}

    Result<void> recordOutcome(const QString& runId, const RunFeatures& features, double cost,
                               qint64 workMs, qint64 finishedAt);
    Result<RunForecast> forecast(const RunFeatures& wanted);

private:
    Database& m_db;
};

} // namespace orch
