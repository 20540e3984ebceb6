// bench_graph_view: the live graph view with 200 agents and 400 edges, rendered offscreen
// while agent states change 100 times a second (and the active agent moves), then while
// 100 engine events a second update the agents' details (tool, turns, tokens, cost). Measured per
// frame: synchronisation + rendering (beforeSynchronizing → afterRendering). Baseline in the
// same run: the same view with nothing changing, frames forced at the same rate.
//
//   bench_graph_view [--seconds 5] [--agents 200] [--edges 400]
//
// Prints one JSON line per scenario: {"scenario":…,"frames":…,"median_ms":…,"p99_ms":…}

#include "ProcessStats.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QQmlComponent>
#include <QQmlEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QRandomGenerator>
#include <QTimer>
#include <algorithm>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(Orchestrator_UiPlugin)

namespace {

QVariantMap bigGraph(int agents, int edges)
{
    QVariantList agentList;
    for (int i = 0; i < agents; ++i)
        agentList.append(QVariantMap{
            {"id", QStringLiteral("a%1").arg(i)},
            {"title", QStringLiteral("Agent %1").arg(i)},
            {"ui", QVariantMap{{"x", 20 + (i % 20) * 170}, {"y", 20 + (i / 20) * 90}}}});
    QVariantList edgeList;
    for (int e = 0; e < edges; ++e) {
        const int from = e % agents;
        const int to = (from + 1 + (e / agents) * 7) % agents;
        edgeList.append(QVariantMap{{"from", QStringLiteral("a%1").arg(from)},
                                    {"to", QStringLiteral("a%1").arg(to)},
                                    {"when", e % 3 == 0 ? "tests.passed" : "always"}});
    }
    return {{"agents", agentList}, {"edges", edgeList}};
}

std::pair<double, double> medianAndP99(std::vector<double> values)
{
    if (values.empty())
        return {0, 0};
    std::sort(values.begin(), values.end());
    return {values[values.size() / 2],
            values[std::min(values.size() - 1, size_t(double(values.size()) * 0.99))]};
}

struct FrameTimes
{
    std::vector<double> ms;       // scene graph: sync + render
    std::vector<double> updateMs; // GUI thread: the model change and the bindings it moves
    void print(const char* scenario) const
    {
        const auto [median, p99] = medianAndP99(ms);
        const auto [updateMedian, updateP99] = medianAndP99(updateMs);
        std::printf("{\"scenario\":\"%s\",\"frames\":%zu,\"median_ms\":%.3f,\"p99_ms\":%.3f,"
                    "\"update_median_ms\":%.3f,\"update_p99_ms\":%.3f,\"rss_mb\":%.1f}\n",
                    scenario, ms.size(), median, p99, updateMedian, updateP99,
                    orch::test::peakRssMb());
        std::fflush(stdout);
    }
};

// Renders for `seconds`, calling `change` 100 times a second; returns each frame's time.
FrameTimes measure(QQuickWindow* window, int seconds, const std::function<void()>& change)
{
    FrameTimes times;
    QElapsedTimer frame;
    auto start = QObject::connect(
        window, &QQuickWindow::beforeSynchronizing, window, [&] { frame.start(); },
        Qt::DirectConnection);
    auto end = QObject::connect(
        window, &QQuickWindow::afterRendering, window,
        [&] {
            if (frame.isValid())
                times.ms.push_back(double(frame.nsecsElapsed()) / 1e6);
        },
        Qt::DirectConnection);
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    QObject::connect(&ticker, &QTimer::timeout, window, [&] {
        QElapsedTimer update;
        update.start();
        change();
        times.updateMs.push_back(double(update.nsecsElapsed()) / 1e6);
        window->update();
    });
    ticker.start(10);
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < seconds * 1000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    ticker.stop();
    QObject::disconnect(start);
    QObject::disconnect(end);
    return times;
}

} // namespace

int main(int argc, char** argv)
{
    QGuiApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"seconds", "Seconds per scenario.", "N", "5"});
    parser.addOption({"agents", "Agents in the graph.", "N", "200"});
    parser.addOption({"edges", "Edges in the graph.", "N", "400"});
    parser.process(app);
    const int seconds = parser.value("seconds").toInt();
    const int agents = parser.value("agents").toInt();

    QQmlEngine engine;
    engine.addImportPath(QStringLiteral("qrc:/"));
    QQmlComponent component(&engine);
    component.setData("import QtQuick\nimport Orchestrator.Ui\n"
                      "Window { width: 1600; height: 1000; visible: true\n"
                      "  property alias view: graphView\n"
                      "  GraphView { id: graphView; session: null; anchors.fill: parent } }",
                      QUrl());
    std::unique_ptr<QObject> root(component.create());
    auto* window = qobject_cast<QQuickWindow*>(root.get());
    if (!window) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    auto* view = root->property("view").value<QObject*>();
    auto* model = view->property("model").value<QObject*>();
    QMetaObject::invokeMethod(model, "showGraph",
                              Q_ARG(QVariantMap, bigGraph(agents, parser.value("edges").toInt())));
    QElapsedTimer settle;
    settle.start();
    while (settle.elapsed() < 500)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);

    measure(window, seconds, [] {}).print("static_baseline");
    const QStringList states = {"idle", "thinking", "calling_tool", "waiting_for_human",
                                "done", "failed"};
    auto* random = QRandomGenerator::global();
    int changes = 0;
    measure(window, seconds, [&] {
        const QString agent = QStringLiteral("a%1").arg(random->bounded(agents));
        QMetaObject::invokeMethod(model, "setAgentState", Q_ARG(QString, agent),
                                  Q_ARG(QString, states[random->bounded(states.size())]));
        if (++changes % 10 == 0)
            QMetaObject::invokeMethod(model, "setActiveAgent", Q_ARG(QString, agent));
    }).print("states_100_per_s");
    // The live details: each tick is an event as the engine sends it (a step starts, a state
    // names its tools, a model call is charged), through the model's own event path.
    int events = 0;
    measure(window, seconds, [&] {
        const QString agent = QStringLiteral("a%1").arg(random->bounded(agents));
        QVariantMap event;
        switch (++events % 3) {
        case 0:
            event = {{"kind", "step_started"},
                     {"payload", QVariantMap{{"step", events}, {"agent", agent}}}};
            break;
        case 1:
            event = {{"kind", "agent_state"},
                     {"payload", QVariantMap{{"agent", agent},
                                             {"from", "thinking"},
                                             {"to", "calling_tool"},
                                             {"tools", QStringList{"write_file", "run_tests"}}}}};
            break;
        default:
            event = {{"kind", "ledger_entry"},
                     {"agent", agent},
                     {"payload", QVariantMap{{"prompt_tokens", 1200},
                                             {"completion_tokens", 300},
                                             {"cost", 0.002}}}};
        }
        QMetaObject::invokeMethod(model, "replay", Q_ARG(QVariantMap, event));
    }).print("activity_100_per_s");
    std::printf("{\"state_changes\":%d,\"events\":%d}\n", changes, events);
    return 0;
}
