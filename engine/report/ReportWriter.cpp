#include "report/ReportWriter.h"

#include "core/Redaction.h"
#include "report/AwayReport.h"
#include "report/Digest.h"
#include "report/ReportBuilder.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <cstdio>

namespace orch {

ReportWriter::ReportWriter(RunStore& store, QString folder)
    : m_store(store), m_folder(std::move(folder))
{
}

Result<ReportInput> ReportWriter::gather(RunStore& store, const RunRecord& finished,
                                         const Json* finalState, const RunHistory* history)
{
    auto stored = store.run(finished.id); // with the times the store keeps
    const RunRecord& run = stored ? stored.value() : finished;
    auto project = store.project(run.projectId);
    auto state = finalState ? Result<Json>(*finalState) : store.lastState(run.id);
    auto steps = history ? Result<std::vector<StepRecord>>(history->steps)
                         : store.steps(run.id, RunStore::Diffs::Skipped); // a report shows none
    auto ledger =
        history ? Result<std::vector<LedgerEntry>>(history->ledger) : store.ledger(run.id);
    if (!project || !state || !steps || !ledger)
        return Error{
            QStringLiteral("cannot gather the report of %1: %2")
                .arg(run.id, project.error() + state.error() + steps.error() + ledger.error())};
    return ReportInput{run, std::move(project).value(), std::move(state).value(),
                       std::move(steps).value(), std::move(ledger).value()};
}

Result<QString> ReportWriter::write(const RunRecord& finished)
{
    auto input = gather(m_store, finished);
    if (!input)
        return input.failure();
    return write(input.value());
}

Result<QString> ReportWriter::write(const ReportInput& input)
{
    return save(input.run.id, input.run.projectId, buildReport(input));
}

Result<std::pair<QString, QString>> ReportWriter::writeDigest(Budgets& budgets, Spend& spend,
                                                              qint64 sinceMs, qint64 nowMs)
{
    auto markdown = buildDigest(m_store, budgets, spend, sinceMs, nowMs);
    if (!markdown)
        return markdown.failure();
    const QString key =
        QStringLiteral("digest-") +
        QDateTime::fromMSecsSinceEpoch(nowMs).toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (auto saved = save(key, {}, markdown.value()); !saved)
        return saved.failure();
    return std::pair{key, markdown.value()};
}

Result<std::pair<QString, QString>> ReportWriter::writeAway(Budgets& budgets, Spend& spend,
                                                            qint64 sinceMs, qint64 nowMs,
                                                            const QString& language)
{
    auto facts = AwayFacts::collect(m_store, budgets, spend, sinceMs, nowMs);
    if (!facts)
        return facts.failure();
    const QString markdown =
        AwayReport::render(facts.value(), language, AwayReport::Style::Markdown);
    const QString key =
        QStringLiteral("away-%1-").arg(language) +
        QDateTime::fromMSecsSinceEpoch(nowMs).toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss"));
    if (auto saved = save(key, {}, markdown); !saved)
        return saved.failure();
    return std::pair{key, redaction::text(markdown)};
}

Result<QString> ReportWriter::save(const QString& key, const QString& projectId,
                                   const QString& markdown)
{
    if (!QDir().mkpath(m_folder))
        return Error{QStringLiteral("cannot create %1").arg(m_folder)};
    const QString path = QDir(m_folder).filePath(key + QStringLiteral(".md"));
    const QString clean = redaction::text(markdown);
    // Written whole then renamed over the old one, so a reader never sees half a report; not
    // synced to disk, as the store's copy (saved below) is the one that must survive a crash.
    const QString partial = path + QStringLiteral(".partial");
    QFile file(partial);
    const QByteArray bytes = clean.toUtf8();
    const bool written = file.open(QIODevice::WriteOnly | QIODevice::Truncate) &&
                         file.write(bytes) == bytes.size() && file.flush();
    file.close();
    if (!written || std::rename(QFile::encodeName(partial).constData(),
                                QFile::encodeName(path).constData()) != 0) {
        QFile::remove(partial);
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    }
    if (auto saved = m_store.saveReport(key, projectId, clean, path); !saved)
        return saved.failure();
    return path;
}

} // namespace orch
