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
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "INSERT INTO run_outcomes (run_id, kind, template, size_class, profiles, cost, work_ms, "
        "finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (run_id) DO UPDATE SET "
        "cost = excluded.cost, work_ms = excluded.work_ms, finished_at = excluded.finished_at"));
    for (const QVariant& v :
         {QVariant(runId), QVariant(features.kind), QVariant(features.templateName),
          QVariant(RunFeatures::sizeClass(features.descriptionChars)), QVariant(features.profiles),
          QVariant(cost), QVariant(workMs), QVariant(finishedAt)})
        q.addBindValue(v);
    return Database::exec(q);
}

Result<RunForecast> Forecasts::forecast(const RunFeatures& wanted)
{
    // Each row says in one number which features match the run asked for, so no row's text
    // is copied out (bit 1: template, 2: size, 4: models).
    QSqlQuery& q = m_db.prepared(QStringLiteral(
        "SELECT CASE WHEN template = ? THEN 1 ELSE 0 END + CASE WHEN size_class = ? THEN 2 ELSE 0 "
        "END + CASE WHEN profiles = ? THEN 4 ELSE 0 END, cost, work_ms FROM run_outcomes "
        "WHERE kind = ? ORDER BY finished_at DESC LIMIT ?"));
    const QString size = RunFeatures::sizeClass(wanted.descriptionChars);
    q.addBindValue(wanted.templateName);
    q.addBindValue(size);
    q.addBindValue(wanted.profiles);
    q.addBindValue(wanted.kind);
    q.addBindValue(kHistory);
    if (auto ok = Database::exec(q); !ok)
        return ok.failure();
    struct Row
    {
        bool templateMatches, sizeMatches, profilesMatch;
        double cost;
        qint64 ms;
    };
    std::vector<Row> rows;
    while (q.next()) {
        const int matches = q.value(0).toInt();
        rows.push_back({wanted.templateName.isEmpty() || (matches & 1) != 0, (matches & 2) != 0,
                        (matches & 4) != 0, q.value(1).toDouble(), q.value(2).toLongLong()});
    }
    q.finish();
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
