#include "report/ReportWriter.h"

#include "core/Redaction.h"
#include "report/AwayReport.h"
#include "report/Digest.h"
#include "report/ReportBuilder.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QDir>
#include <QSaveFile>

namespace orch {

ReportWriter::ReportWriter(RunStore& store, QString folder)
    : m_store(store), m_folder(std::move(folder))
{
}

Result<QString> ReportWriter::write(const RunRecord& finished)
{
    auto stored = m_store.run(finished.id); // with the times the store keeps
    const RunRecord& run = stored ? stored.value() : finished;
    auto project = m_store.project(run.projectId);
    auto state = m_store.lastState(run.id);
    auto steps = m_store.steps(run.id);
    auto ledger = m_store.ledger(run.id);
    if (!project || !state || !steps || !ledger)
        return Error{
            QStringLiteral("cannot gather the report of %1: %2")
                .arg(run.id, project.error() + state.error() + steps.error() + ledger.error())};
    return save(run.id, run.projectId,
                buildReport({run, project.value(), state.value(), steps.value(), ledger.value()}));
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
    QSaveFile file(path);
    const QString clean = redaction::text(markdown);
    const QByteArray bytes = clean.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        return Error{QStringLiteral("cannot write %1: %2").arg(path, file.errorString())};
    if (auto saved = m_store.saveReport(key, projectId, clean, path); !saved)
        return saved.failure();
    return path;
}

} // namespace orch
