#pragma once
// Terminal progress: one line per finished step (or one JSON object per line with --json),
// plus retries, questions and the end of each run.

#include "api/Records.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QTimer>

namespace orch {
class EngineApi;
}

namespace orch::cli {

class StepPrinter : public QObject
{
    Q_OBJECT
public:
    StepPrinter(EngineApi& engine, bool json, QObject* parent = nullptr);

private:
    void onEvent(const RunEvent& event);
    void onStep(const StepRecord& step);
    void onStopped(const RunRecord& run);
    void writeJson(const Json& object);
    void writeLine(const QString& line);
    // On a terminal, one status line shows the steps in flight and how long they have taken.
    void refreshStatus();

    struct InFlight
    {
        QString agent;
        int step = 0;
        QElapsedTimer since;
    };
    bool m_json;
    bool m_terminal;
    bool m_statusShown = false;
    QHash<QString, InFlight> m_inFlight; // by run id
    QTimer m_statusTimer;
};

QString shortId(const QString& id);

} // namespace orch::cli
