#pragma once
// Terminal progress: one line per finished step (or one JSON object per line with --json),
// plus retries, questions and the end of each run.

#include "store/Records.h"

#include <QObject>

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

    bool m_json;
};

QString shortId(const QString& id);

} // namespace orch::cli
