// bench_context: one Developer stint that writes a 4 KB file per turn, against the in-process
// fake model, measuring what is sent to the model. The same stint runs on a profile whose
// window is so large that nothing is ever shortened (how every request was built before
// context management) and on the default 64k-token window.
//
//   bench_context [--turns N]        (default 150)
//
// Prints one JSON line per window, then the comparison:
// {"window":…,"turns":…,"requests":…,"largest_request_bytes":…,"largest_request_tokens":…,
//  "total_bytes":…,"total_tokens_sent":…,"half_stint_bytes":…,"growth":…}
// "growth" is the bytes of the whole stint over those of its first half: 2 means linear,
// 4 quadratic. Tokens are the request bytes over four, as the engine estimates them.

#include "ScriptedModel.h"
#include "TestGraphs.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>

using namespace orch;
using namespace orch::test;

namespace {

struct Stint
{
    long long requests = 0;
    long long largest = 0;
    long long total = 0;
    long long firstHalf = 0;
};

Stint runStint(ScriptedServer& fake, int turns, int window)
{
    fake.reset();
    fake.model.setFallback(
        [turn = std::make_shared<int>(0), turns](const QString& agent, const Json&) {
            if (agent.isEmpty())
                return FakeReply::openAiText("NOTE: modules written so far are module1..moduleN.");
            if (++*turn > turns)
                return FakeReply::openAiToolCalls({toolCall("finish", {{"summary", "written"}})});
            const std::string body(4096, char('a' + *turn % 26));
            return FakeReply::openAiToolCalls(
                {toolCall("write_file", {{"path", "module" + std::to_string(*turn) + ".py"},
                                         {"content", "X = '" + body + "'\n"}})});
        });
    TestEngine t(fake.server, false, 2, 60000);
    Json graph = testGraph("developer",
                           {testAgent("developer", {{"tools", {"write_file", "finish"}},
                                                    {"terminal", true},
                                                    {"max_turns", turns + 10}})},
                           Json::array(), turns + 50);
    graph["models"]["default"]["context_window"] = window;
    const RunRecord run = t.runToEnd(graph, "bench stint", 600000);
    if (run.status != RunStatus::Completed)
        std::fprintf(stderr, "run ended %s: %s\n", qPrintable(RunStatus::name(run.status)),
                     qPrintable(run.reason));
    Stint stint;
    const auto requests = fake.server.requests();
    stint.requests = requests.size();
    for (qsizetype i = 0; i < requests.size(); ++i) {
        const long long bytes = requests.at(i).body.size();
        stint.largest = std::max(stint.largest, bytes);
        stint.total += bytes;
        if (i < requests.size() / 2)
            stint.firstHalf += bytes;
    }
    return stint;
}

void print(int window, int turns, const Stint& s)
{
    std::printf("{\"window\":%d,\"turns\":%d,\"requests\":%lld,\"largest_request_bytes\":%lld,"
                "\"largest_request_tokens\":%lld,\"total_bytes\":%lld,\"total_tokens_sent\":%lld,"
                "\"half_stint_bytes\":%lld,\"growth\":%.2f}\n",
                window, turns, s.requests, s.largest, s.largest / 4, s.total, s.total / 4,
                s.firstHalf, s.firstHalf > 0 ? double(s.total) / double(s.firstHalf) : 0.0);
    std::fflush(stdout);
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({"turns", "files written in the stint", "N", "150"});
    parser.addHelpOption();
    parser.process(app);
    const int turns = std::max(4, parser.value("turns").toInt());

    ScriptedServer fake;
    if (!fake.listen())
        return 1;
    const int unbounded = 10'000'000;
    const Stint before = runStint(fake, turns, unbounded);
    print(unbounded, turns, before);
    const int window = 64000;
    const Stint after = runStint(fake, turns, window);
    print(window, turns, after);
    std::printf("{\"largest_request_ratio\":%.3f,\"total_bytes_ratio\":%.3f,"
                "\"within_window\":%s}\n",
                double(after.largest) / double(std::max(1LL, before.largest)),
                double(after.total) / double(std::max(1LL, before.total)),
                after.largest / 4 <= window ? "true" : "false");
    return 0;
}
