#pragma once
// Writes reports into the store (reports table) and as Markdown files: a finished run's, the
// periodic digest, and "while you were away".

#include "api/Records.h"
#include "core/Result.h"
#include "report/ReportBuilder.h"

namespace orch {

class Budgets;
class RunStore;
class Spend;

class ReportWriter
{
public:
    ReportWriter(RunStore& store, QString folder);

    // What a finished run's report is made of, read from the store once (the outcome kept for
    // forecasts is made of the same). `finalState`, when given, is the state the run's last
    // commit stored (a run that completed in this process holds it): not read back.
    // `history`: its steps and ledger entries, held by the process that drove it: not read
    // back either.
    static Result<ReportInput> gather(RunStore& store, const RunRecord& finished,
                                      const Json* finalState = nullptr,
                                      const RunHistory* history = nullptr);
    // Returns the file's path.
    Result<QString> write(const RunRecord& run);
    Result<QString> write(const ReportInput& input);
    // The digest of [sinceMs, nowMs]; returns {key, markdown}.
    Result<std::pair<QString, QString>> writeDigest(Budgets& budgets, Spend& spend, qint64 sinceMs,
                                                    qint64 nowMs);
    // "While you were away" for [sinceMs, nowMs] in `language`; returns {key, markdown}.
    Result<std::pair<QString, QString>> writeAway(Budgets& budgets, Spend& spend, qint64 sinceMs,
                                                  qint64 nowMs, const QString& language);

private:
    Result<QString> save(const QString& key, const QString& projectId, const QString& markdown);

    RunStore& m_store;
    QString m_folder;
};

} // namespace orch
