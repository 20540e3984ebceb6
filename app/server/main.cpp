// orchestratord: the headless face of Codegen Orchestrator.

#include "DeployCommands.h"
#include "InspectCommands.h"
#include "LessonCommands.h"
#include "MoneyCommands.h"
#include "RunCommands.h"
#include "SecretsCommands.h"
#include "ServeCommand.h"
#include "ServerCommands.h"
#include "StoreCommands.h"
#include "core/AllocatorTuning.h"
#include "core/GuardedApplication.h"
#include "core/HeadlessEventLoop.h"
#include "core/Log.h"

#include <QCoreApplication>
#include <QFile>
#include <algorithm>
#include <cstdio>
#include <map>
#include <string_view>

namespace {

const char* kUsage =
    "Usage: orchestratord COMMAND [options]\n"
    "\n"
    "Commands:\n"
    "  run       start a project from --description and run the agent graph\n"
    "  change    ask for a change to an existing project (a new run on it)\n"
    "  repair    repair a project's deployment now, or set its repair policy and budget\n"
    "  resume    continue unfinished runs from their last checkpoint\n"
    "  serve     run headless: Telegram, the remote API, resume runs, drain on SIGTERM\n"
    "  answer    answer a waiting run's question, or revive a stalled or failed run\n"
    "  cancel    cancel a run\n"
    "  runs      list runs\n"
    "  show      show a run's steps, checkpoints and final state\n"
    "  validate  check a graph file\n"
    "  balance   spend against the budgets, by day, agent, model and project\n"
    "  topup     raise the global or a project's budget; waiting runs resume\n"
    "  prune     apply the retention policy to finished runs now\n"
    "  lessons   what runs learned from their failures: list, edit, delete\n"
    "  secrets   store, list and remove vault secrets (values from stdin)\n"
    "  servers   production servers: add, list, remove, check (base role), trust\n"
    "  teardown  remove deployed services (processes, Caddy sites, files)\n"
    "  deployments  live deployments, their health and uptime; redeploy, rollback\n"
    "\n"
    "orchestratord COMMAND --help describes a command's options.\n";

// With --log-level debug, how much memory the command needed at most: what operators size a
// server by, and what the tests check under hostile replies.
void logPeakMemory()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            orch::log::get("cli")->debug("peak memory {} MiB",
                                         line.mid(6).trimmed().split(' ').value(0).toLongLong() /
                                             1024);
}

// The commands that run steps, the only ones worth starting again with the allocator tuned
// (about 11 ms at start): the others read or write a few rows and exit.
bool runsSteps(int argc, char* argv[])
{
    static constexpr std::string_view kStepCommands[] = {"run",    "change", "repair",
                                                         "resume", "answer", "serve"};
    return argc > 1 && std::find(std::begin(kStepCommands), std::end(kStepCommands),
                                 std::string_view(argv[1])) != std::end(kStepCommands);
}

} // namespace

int main(int argc, char* argv[])
{
    if (runsSteps(argc, argv))
        orch::tuneAllocator(argv);
    orch::useQtEventDispatcher();
    orch::GuardedApplication<QCoreApplication> app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("codegen-orchestrator"));
    QCoreApplication::setApplicationVersion(QStringLiteral("0.1.0"));

    const std::map<QString, int (*)(const orch::cli::CommandContext&)> commands = {
        {QStringLiteral("run"), orch::cli::runCommand},
        {QStringLiteral("change"), orch::cli::changeCommand},
        {QStringLiteral("repair"), orch::cli::repairCommand},
        {QStringLiteral("resume"), orch::cli::resumeCommand},
        {QStringLiteral("answer"), orch::cli::answerCommand},
        {QStringLiteral("cancel"), orch::cli::cancelCommand},
        {QStringLiteral("runs"), orch::cli::runsCommand},
        {QStringLiteral("show"), orch::cli::showCommand},
        {QStringLiteral("validate"), orch::cli::validateCommand},
        {QStringLiteral("secrets"), orch::cli::secretsCommand},
        {QStringLiteral("servers"), orch::cli::serversCommand},
        {QStringLiteral("teardown"), orch::cli::teardownCommand},
        {QStringLiteral("deployments"), orch::cli::deploymentsCommand},
        {QStringLiteral("serve"), orch::cli::serveCommand},
        {QStringLiteral("balance"), orch::cli::balanceCommand},
        {QStringLiteral("topup"), orch::cli::topupCommand},
        {QStringLiteral("prune"), orch::cli::pruneCommand},
        {QStringLiteral("lessons"), orch::cli::lessonsCommand},
    };
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty() || args.first() == QLatin1String("--help") ||
        args.first() == QLatin1String("-h") || args.first() == QLatin1String("help")) {
        std::fputs(kUsage, args.isEmpty() ? stderr : stdout);
        return args.isEmpty() ? orch::cli::BadArguments : 0;
    }
    if (args.first() == QLatin1String("--version")) {
        std::printf("orchestratord %s\n", qPrintable(QCoreApplication::applicationVersion()));
        return 0;
    }
    const QString name = args.takeFirst();
    const auto command = commands.find(name);
    if (command == commands.end()) {
        std::fprintf(stderr, "orchestratord: unknown command '%s'\n\n%s", qPrintable(name), kUsage);
        return orch::cli::BadArguments;
    }
    const int code = command->second({name, args});
    logPeakMemory();
    return code;
}
