// bench_store: what a long run costs the store. One Developer stint writes a 4 KB file per
// turn against the in-process fake model (as bench_context); then the database's size is
// compared with the bytes of the work itself (the tool calls' arguments and their results),
// loading a checkpoint is timed at the first step, the middle and the last (median of five),
// and the bytes the desktop receives to open the run are counted, as it asked before (the
// whole run, for the timeline and again for the graph) and as it asks now.
//
//   bench_store [--turns N] [--loads N]   (default 150 turns; --loads repeats the last load
//                                          for a profiler)
//
// Prints one JSON line:
// {"turns":…,"steps":…,"work_bytes":…,"database_bytes":…,"storage_ratio":…,
//  "load_ms_first":…,"load_ms_middle":…,"load_ms_last":…,"table_bytes":{…},
//  "open_run_wire_bytes_before":…,"open_run_wire_bytes_after":…,"reconstructed":true}
// storage_ratio is database bytes over work bytes; a store that keeps every conversation in
// every checkpoint grows with the square of the run, one that appends stays near 1–3.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "api/WireFormat.h"
#include "store/Database.h"
#include "store/RunStore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <cstdio>

using namespace orch;
using namespace orch::test;

namespace {

// Bytes of the files under `dir` whose names start with `prefix` (the database, its WAL).
qint64 bytesOf(const QString& dir, const QString& prefix)
{
    qint64 total = 0;
    for (const QFileInfo& file : QDir(dir).entryInfoList({prefix + QLatin1Char('*')}, QDir::Files))
        total += file.size();
    return total;
}

// The tool results a request brings that the one before did not: the messages after the
// last assistant message.
qint64 newToolResultBytes(const Json& request)
{
    const Json& messages = request["messages"];
    qint64 bytes = 0;
    for (size_t i = messages.size(); i-- > 0;) {
        if (stringOr(messages[i], "role") != "tool")
            break;
        bytes += qint64(stringOr(messages[i], "content").size());
    }
    return bytes;
}

// The bytes each table's text columns hold, to see where the space goes.
Json tableBytes(RunStore& store)
{
    Json bytes = Json::object();
    for (const auto& [table, columns] :
         std::vector<std::pair<QString, QString>>{{"checkpoints", "length(state) + length(cursor)"},
                                                  {"conversation_messages", "length(body)"},
                                                  {"steps", "length(detail) + length(diff)"},
                                                  {"events", "length(payload)"}}) {
        QSqlQuery q = store.database().newQuery();
        if (q.exec(QStringLiteral("SELECT COALESCE(SUM(%1), 0) FROM %2").arg(columns, table)) &&
            q.next())
            bytes[table.toStdString()] = q.value(0).toLongLong();
    }
    return bytes;
}

double msToLoad(RunStore& store, const QString& runId, int step, bool* same, const Json& expected)
{
    // The median of five loads: the first of a kind also prepares its statements.
    std::vector<double> times;
    Result<Checkpoint> checkpoint = Error{QString()};
    for (int i = 0; i < 5; ++i) {
        QElapsedTimer timer;
        timer.start();
        checkpoint = store.checkpointAt(runId, step);
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    const double ms = times[2];
    if (!checkpoint || (!expected.is_null() && checkpoint->state != expected))
        *same = false;
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({"turns", "files written in the stint", "N", "150"});
    parser.addOption({"loads", "load the last checkpoint N more times (for a profiler)", "N", "0"});
    parser.addHelpOption();
    parser.process(app);
    const int turns = std::max(4, parser.value("turns").toInt());

    ScriptedServer fake;
    if (!fake.listen())
        return 1;
    fake.reset();
    auto argumentBytes = std::make_shared<qint64>(0);
    fake.model.setFallback(
        [turn = std::make_shared<int>(0), turns, argumentBytes](const QString& agent, const Json&) {
            if (agent.isEmpty())
                return FakeReply::openAiText("NOTE: modules written so far are module1..moduleN.");
            if (++*turn > turns)
                return FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "written"}})});
            const Json arguments = {
                {"path", "module" + std::to_string(*turn) + ".py"},
                {"content", "X = '" + std::string(4096, char('a' + *turn % 26)) + "'\n"}};
            *argumentBytes += qint64(dumpJson(arguments).size());
            return FakeReply::openAiToolCalls({toolCall("write_file", arguments)});
        });
    TestEngine t(fake.server, false, 2, 60000);
    const Json graph = testGraph("developer",
                                 {testAgent("developer", {{"tools", {"write_file", "finish"}},
                                                          {"terminal", true},
                                                          {"max_turns", turns + 10}})},
                                 Json::array(), turns + 50);
    const RunRecord run = t.runToEnd(graph, "bench stint", 600000);
    if (run.status != RunStatus::Completed) {
        std::fprintf(stderr, "run ended %s: %s\n", qPrintable(RunStatus::name(run.status)),
                     qPrintable(run.reason));
        return 1;
    }
    qint64 resultBytes = 0;
    for (const RecordedRequest& request : fake.server.requests())
        resultBytes += newToolResultBytes(request.json());
    const qint64 work = *argumentBytes + resultBytes;
    // Bytes on the wire to open the run in the desktop: before, the timeline and the graph each
    // asked for everything (runs.get); now the timeline asks for runs.view and the graph for
    // runs.overview and runs.events.
    const EngineInternals engine = inside(*t.engine);
    const qint64 wireBefore =
        2 * qint64(toBytes(wire::toJson(engine.runDetail(run.id).value())).size());
    const qint64 wireAfter =
        qint64(toBytes(wire::toJson(engine.runView(run.id).value())).size()) +
        qint64(toBytes(wire::toJson(engine.runOverview(run.id).value())).size()) +
        qint64(toBytes(wire::listToJson(engine.eventsOf(run.id, 0).value())).size());
    t.engine.reset(); // the database is closed and its log folded in
    const qint64 database = bytesOf(t.dir.path(), QStringLiteral("test.db"));

    auto store = RunStore::open(t.dir.filePath(QStringLiteral("test.db")));
    if (!store)
        return 1;
    const int last = run.steps;
    auto all = store.value()->checkpoints(run.id); // every step, reconstructed in order
    bool same = all.ok() && int(all->size()) == last + 1;
    const auto expectedAt = [&](int step) { return same ? all->at(size_t(step)).state : Json(); };
    const double first = msToLoad(*store.value(), run.id, 1, &same, expectedAt(1));
    const double middle = msToLoad(*store.value(), run.id, last / 2, &same, expectedAt(last / 2));
    const double end = msToLoad(*store.value(), run.id, last, &same, expectedAt(last));
    for (int i = 0; i < parser.value("loads").toInt(); ++i)
        (void)store.value()->checkpointAt(run.id, last);
    std::printf("{\"turns\":%d,\"steps\":%d,\"work_bytes\":%lld,\"database_bytes\":%lld,"
                "\"storage_ratio\":%.2f,\"load_ms_first\":%.3f,\"load_ms_middle\":%.3f,"
                "\"load_ms_last\":%.3f,\"table_bytes\":%s,\"open_run_wire_bytes_before\":%lld,"
                "\"open_run_wire_bytes_after\":%lld,\"reconstructed\":%s}\n",
                turns, last, work, database, double(database) / double(std::max(1LL, work)), first,
                middle, end, dumpJson(tableBytes(*store.value())).c_str(), wireBefore, wireAfter,
                same ? "true" : "false");
    return 0;
}
