#include "StepPrinter.h"

#include "api/EngineApi.h"
#include "api/RunEvents.h"

#include <cstdio>
#include <unistd.h>

namespace orch::cli {

QString shortId(const QString& id)
{
    return id.left(8);
}

StepPrinter::StepPrinter(EngineApi& engine, bool json, QObject* parent)
    : QObject(parent), m_json(json), m_terminal(!json && ::isatty(STDOUT_FILENO))
{
    m_statusTimer.setInterval(1000);
    connect(&m_statusTimer, &QTimer::timeout, this, &StepPrinter::refreshStatus);
    if (m_terminal)
        m_statusTimer.start();
    connect(&engine, &EngineApi::event, this, &StepPrinter::onEvent);
    connect(&engine, &EngineApi::stepCommitted, this, &StepPrinter::onStep);
    connect(&engine, &EngineApi::runStopped, this, &StepPrinter::onStopped);
    connect(&engine, &EngineApi::reportWritten, this,
            [this](const QString& runId, const QString& path) {
                if (m_json)
                    writeJson({{"type", "report"}, {"run", toStd(runId)}, {"path", toStd(path)}});
                else
                    writeLine(QStringLiteral("[%1] report: %2").arg(shortId(runId), path));
            });
}

void StepPrinter::writeJson(const Json& object)
{
    std::fprintf(stdout, "%s\n", dumpJson(object).c_str());
    std::fflush(stdout);
}

void StepPrinter::writeLine(const QString& line)
{
    if (m_statusShown) {
        std::fputs("\r\033[K", stdout);
        m_statusShown = false;
    }
    std::fprintf(stdout, "%s\n", line.toLocal8Bit().constData());
    std::fflush(stdout);
}

void StepPrinter::refreshStatus()
{
    if (m_inFlight.isEmpty())
        return;
    QStringList parts;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it)
        parts << QStringLiteral("[%1] step %2 %3 thinking %4 s")
                     .arg(shortId(it.key()))
                     .arg(it->step)
                     .arg(it->agent)
                     .arg(it->since.elapsed() / 1000);
    if (parts.size() > 3)
        parts = parts.mid(0, 3) << QStringLiteral("+%1 more").arg(m_inFlight.size() - 3);
    std::fprintf(stdout, "\r\033[K%s", parts.join(QStringLiteral("  ")).toLocal8Bit().constData());
    std::fflush(stdout);
    m_statusShown = true;
}

void StepPrinter::onEvent(const RunEvent& event)
{
    if (auto moved = AgentMoved::from(event); moved && m_terminal) {
        if (moved->after == QLatin1String("thinking")) {
            InFlight& flight = m_inFlight[event.runId];
            if (flight.agent != event.agent || flight.step != event.stepNo)
                flight = {event.agent, event.stepNo, {}};
            if (!flight.since.isValid())
                flight.since.start();
        }
        return;
    }
    if (m_json) {
        if (event.kind == EventKind::LlmRetry || event.kind == EventKind::RunStarted ||
            event.kind == EventKind::QuestionAsked)
            writeJson({{"type", toStd(EventKind::name(event.kind))},
                       {"run", toStd(event.runId)},
                       {"step", event.stepNo},
                       {"agent", toStd(event.agent)},
                       {"payload", event.payload}});
        return;
    }
    QString line;
    if (auto started = RunStarted::from(event))
        line = QStringLiteral("run %1 started: graph %2, entry %3")
                   .arg(event.runId, started->graph, started->entry);
    else if (auto retry = ModelRetry::from(event))
        line = QStringLiteral("[%1] step %2 %3: model call retry %4 in %5 ms (%6)")
                   .arg(shortId(event.runId))
                   .arg(event.stepNo)
                   .arg(event.agent)
                   .arg(retry->attempt)
                   .arg(retry->delayMs)
                   .arg(retry->reason);
    else if (auto question = QuestionAsked::from(event))
        line = QStringLiteral("[%1] %2 asks: %3\n  answer with: orchestratord answer %1 %4")
                   .arg(shortId(event.runId), event.agent, question->text,
                        // a secret on a command line is visible to every user of the machine
                        question->secret ? QStringLiteral("- < FILE (the secret, from stdin)")
                                         : QStringLiteral("\"...\""));
    if (!line.isEmpty())
        writeLine(line);
}

void StepPrinter::onStep(const StepRecord& step)
{
    QStringList tools;
    for (const auto& tool : arrayAt(step.detail, "tools"))
        tools << toQ(stringOr(tool, "name")) + (boolOr(tool, "ok", true) ? "" : "(failed)");
    const QString next = toQ(stringOr(step.detail, "next"));
    if (m_json) {
        writeJson({{"type", "step"},
                   {"run", toStd(step.runId)},
                   {"step", step.stepNo},
                   {"agent", toStd(step.agent)},
                   {"kind", toStd(step.kind)},
                   {"outcome", toStd(step.outcome)},
                   {"next", toStd(next)},
                   {"tools", arrayAt(step.detail, "tools")},
                   {"prompt_tokens", step.usage.prompt},
                   {"completion_tokens", step.usage.completion},
                   {"duration_ms", step.durationMs}});
        return;
    }
    QString transition = step.outcome;
    if (!next.isEmpty() && next != step.agent)
        transition += QStringLiteral(" -> ") + next;
    const QString line =
        QStringLiteral("[%1] step %2 %3 %4%5  tokens %6/%7  %8 s")
            .arg(shortId(step.runId))
            .arg(step.stepNo, 3)
            .arg(step.agent, -12)
            .arg(transition, -24)
            .arg(tools.isEmpty() ? QString() : QStringLiteral("  tools: ") + tools.join(','))
            .arg(step.usage.prompt)
            .arg(step.usage.completion)
            .arg(double(step.durationMs) / 1000.0, 0, 'f', 2);
    m_inFlight.remove(step.runId);
    writeLine(line);
}

void StepPrinter::onStopped(const RunRecord& run)
{
    if (m_json) {
        writeJson({{"type", "run_stopped"},
                   {"run", toStd(run.id)},
                   {"status", toStd(RunStatus::name(run.status))},
                   {"reason", toStd(run.reason)},
                   {"steps", run.steps},
                   {"prompt_tokens", run.promptTokens},
                   {"completion_tokens", run.completionTokens}});
        return;
    }
    QString line = QStringLiteral("run %1 %2 after %3 steps, tokens %4/%5")
                       .arg(run.id, RunStatus::name(run.status))
                       .arg(run.steps)
                       .arg(run.promptTokens)
                       .arg(run.completionTokens);
    if (!run.reason.isEmpty())
        line += QStringLiteral(": ") + run.reason;
    m_inFlight.remove(run.id);
    writeLine(line);
}

} // namespace orch::cli
