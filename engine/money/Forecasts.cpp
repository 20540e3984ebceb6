#include "money/Forecasts.h"

#include "store/Database.h"

#include <QStringList>
#include <QVariant>
#include <algorithm>
#include <cmath>

namespace orch {
namespace {

constexpr int kHistory = 200; // the newest outcomes of a kind are the ones that tell

template <typename T> T percentile(std::vector<T> values, double share)
{
    std::sort(values.begin(), values.end());
    const size_t rank = size_t(std::ceil(share * double(values.size())));
    return values[std::clamp<size_t>(rank, 1, values.size()) - 1];
}

} // namespace

QString RunFeatures::profilesOf(const Json& graph)
{
    QStringList models;
    const Json& profiles = objectAt(graph, "models");
    for (auto it = profiles.begin(); it != profiles.end(); ++it)
        models << toQ(stringOr(*it, "provider")) + QLatin1Char('/') + toQ(stringOr(*it, "model"));
    models.sort();
    models.removeDuplicates();
    return models.join(QLatin1Char(','));
}

QString RunFeatures::sizeClass(int chars)
{
    return chars < 200    ? QStringLiteral("short")
           : chars < 1000 ? QStringLiteral("medium")
                          : QStringLiteral("long");
}

Result<void> Forecasts::recordOutcome(const QString& runId, const RunFeatures& features,
                                      double cost, qint64 workMs, qint64 finishedAt)
{
    const QString size = RunFeatures::sizeClass(features.descriptionChars);
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO run_outcomes (run_id, kind, template, size_class, profiles, cost, work_ms, "
        "finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET "
        "cost = excluded.cost, work_ms = excluded.work_ms, finished_at = excluded.finished_at"));
    for (const QVariant& v :
         {QVariant(runId), QVariant(features.kind), QVariant(features.templateName), QVariant(size),
          QVariant(features.profiles), QVariant(cost), QVariant(workMs), QVariant(finishedAt)})
        q.addBindValue(v);
    if (auto ok = Database::exec(q); !ok)
        return ok;
    remember(features.kind,
             {runId, features.templateName, size, features.profiles, cost, workMs, finishedAt});
    return {};
}

void Forecasts::remember(const QString& kind, Outcome outcome)
{
    auto window = m_memory->m_windows.find(kind);
    if (window == m_memory->m_windows.end())
        return; // read whole at the next forecast of its kind
    auto& kept = window->newestFirst;
    // Recorded again: the store keeps its first features and takes the new figures.
    if (auto again = std::find_if(kept.begin(), kept.end(),
                                  [&](const Outcome& o) { return o.runId == outcome.runId; });
        again != kept.end()) {
        outcome.templateName = again->templateName;
        outcome.sizeClass = again->sizeClass;
        outcome.profiles = again->profiles;
        kept.erase(again);
    }
    auto at = std::find_if(kept.begin(), kept.end(),
                           [&](const Outcome& o) { return o.finishedAt <= outcome.finishedAt; });
    kept.insert(at, std::move(outcome));
    if (kept.size() > size_t(kHistory))
        kept.resize(kHistory);
}

Result<std::vector<OutcomeMemory::Outcome>> Forecasts::newest(const QString& kind)
{
    QSqlQuery& q = m_db.prepared(
        QStringLiteral("SELECT run_id, template, size_class, profiles, cost, work_ms, finished_at "
                       "FROM run_outcomes WHERE kind = ? ORDER BY finished_at DESC LIMIT ?"));
    q.addBindValue(kind);
    q.addBindValue(kHistory);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    std::vector<Outcome> rows;
    while (q.next())
        rows.push_back({q.value(0).toString(), q.value(1).toString(), q.value(2).toString(),
                        q.value(3).toString(), q.value(4).toDouble(), q.value(5).toLongLong(),
                        q.value(6).toLongLong()});
    q.finish();
    return rows;
}

Result<const std::vector<OutcomeMemory::Outcome>*> Forecasts::outcomesOf(const QString& kind)
{
    OutcomeMemory::Window& window = m_memory->m_windows[kind];
    if (window.readAt.isValid() && window.readAt.elapsed() < m_memory->m_freshForMs)
        return &window.newestFirst;
    auto rows = newest(kind);
    if (!rows)
        return rows.failure();
    window.newestFirst = std::move(rows).value();
    window.readAt.start();
    return &window.newestFirst;
}

Result<RunForecast> Forecasts::forecast(const RunFeatures& wanted)
{
    auto outcomes = outcomesOf(wanted.kind);
    if (!outcomes)
        return outcomes.failure();
    const QString size = RunFeatures::sizeClass(wanted.descriptionChars);
    struct Row
    {
        bool templateMatches, sizeMatches, profilesMatch;
        double cost;
        qint64 ms;
    };
    std::vector<Row> rows;
    rows.reserve(outcomes.value()->size());
    for (const Outcome& o : *outcomes.value())
        rows.push_back({wanted.templateName.isEmpty() || o.templateName == wanted.templateName,
                        o.sizeClass == size, o.profiles == wanted.profiles, o.cost, o.workMs});
    // The closest match that has any runs: every feature, then without the size, then
    // without the models. A template is compared only when the run asked for has one.
    struct Level
    {
        bool size, profiles;
        const char* basis;
    };
    const Level levels[] = {{true, true, "with these models and a description of this size"},
                            {false, true, "with these models"},
                            {false, false, "with any models"}};
    for (const Level& level : levels) {
        std::vector<double> costs;
        std::vector<qint64> times;
        for (const Row& row : rows)
            if (row.templateMatches && (!level.size || row.sizeMatches) &&
                (!level.profiles || row.profilesMatch)) {
                costs.push_back(row.cost);
                times.push_back(row.ms);
            }
        if (costs.empty())
            continue;
        RunForecast f;
        f.samples = int(costs.size());
        f.costLow = percentile(costs, 0.1);
        f.costMid = percentile(costs, 0.5);
        f.costHigh = percentile(costs, 0.9);
        f.msLow = percentile(times, 0.1);
        f.msMid = percentile(times, 0.5);
        f.msHigh = percentile(times, 0.9);
        f.basis = QStringLiteral("%1 earlier %2 run(s)%3 %4")
                      .arg(f.samples)
                      .arg(wanted.kind,
                           wanted.templateName.isEmpty()
                               ? QString()
                               : QStringLiteral(" of template %1").arg(wanted.templateName),
                           QLatin1String(level.basis));
        return f;
    }
    RunForecast none;
    none.basis = QStringLiteral("no earlier %1 run like it: no forecast yet").arg(wanted.kind);
    return none;
}

} // namespace orch
