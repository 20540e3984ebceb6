// bench_sandbox: what the bubblewrap sandbox costs a command. `make test` of the project the
// offline demo starts from (the bundled python-http-service template), run through run_command
// confined and unconfined, alternately, in one process.
//
//   bench_sandbox [--runs N]
//
// Prints one JSON line:
// {"scenario":"make_test","runs":…,"unconfined_ms":…,"confined_ms":…,"ratio":…}
// (medians; ratio = confined / unconfined)

#include "ToolHarness.h"
#include "tools/CommandTool.h"
#include "tools/ToolRegistry.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cstdio>

using namespace orch;
using namespace orch::test;

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    return values.empty() ? 0 : values[values.size() / 2];
}

// One `make test`, in ms; negative when it failed.
double timedMakeTest(CommandTool& tool, const QString& workspace)
{
    QElapsedTimer timer;
    timer.start();
    const ToolResult result = callTool(tool, {{"argv", {"make", "test"}}}, workspace);
    const double ms = timer.nsecsElapsed() / 1e6;
    if (!result.ok) {
        std::fprintf(stderr, "make test failed: %s\n", result.output.dump().c_str());
        return -1;
    }
    return ms;
}

} // namespace

int main(int argc, char** argv)
{
    // Both kinds find the same programs: the sandbox's PATH, not whatever this shell adds.
    qputenv("PATH", "/usr/local/bin:/usr/bin:/bin");
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({"runs", "Runs of each kind.", "N", "20"});
    parser.process(app);
    const int runs = std::max(1, parser.value("runs").toInt());

    QTemporaryDir workspace;
    auto tools = ToolRegistry::withBuiltins();
    const ToolResult made = callTool(
        *tools->find("scaffold"), {{"template", "python-http-service"}, {"project_name", "Bench"}},
        workspace.path());
    if (!made.ok) {
        std::fprintf(stderr, "scaffold failed: %s\n", made.output.dump().c_str());
        return 1;
    }
    CommandSettings confinedSettings{{"make"}, 120, 300, 64 * 1024};
    CommandSettings unconfinedSettings = confinedSettings;
    unconfinedSettings.sandbox.mode = SandboxSettings::Mode::Unconfined;
    CommandTool confined(confinedSettings);
    CommandTool unconfined(unconfinedSettings);

    std::vector<double> confinedMs;
    std::vector<double> unconfinedMs;
    timedMakeTest(confined, workspace.path()); // warm the page cache and the sandbox's check
    for (int i = 0; i < runs; ++i) {
        const double bare = timedMakeTest(unconfined, workspace.path());
        const double boxed = timedMakeTest(confined, workspace.path());
        if (bare < 0 || boxed < 0)
            return 1;
        unconfinedMs.push_back(bare);
        confinedMs.push_back(boxed);
    }
    const double bare = median(unconfinedMs);
    const double boxed = median(confinedMs);
    std::printf("{\"scenario\":\"make_test\",\"runs\":%d,\"unconfined_ms\":%.1f,"
                "\"confined_ms\":%.1f,\"ratio\":%.2f}\n",
                runs, bare, boxed, bare > 0 ? boxed / bare : 0.0);
    return 0;
}
