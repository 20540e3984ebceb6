#include "MoneyCommands.h"

#include "StoreCommands.h"
#include "api/AwaitAnswer.h"
#include "api/WireFormat.h"
#include "money/Usd.h"

#include <cstdio>

namespace orch::cli {
namespace {

QString budgetLine(const QString& name, const BudgetStatus& status)
{
    QString line = QStringLiteral("%1: spent %2").arg(name, usd(status.spent, 4));
    line += status.limit ? QStringLiteral(" of %1, %2 left")
                               .arg(usd(*status.limit, 4), usd(*status.remaining(), 4))
                         : QStringLiteral(", not limited");
    if (status.unknownCostCalls > 0)
        line += QStringLiteral(", plus %1 call(s) of unknown price").arg(status.unknownCostCalls);
    if (status.simulated > 0)
        line += QStringLiteral(", and %1 simulated by the offline demo model (not budgeted)")
                    .arg(usd(status.simulated, 4));
    return line;
}

void printRows(const char* title, const std::vector<SpendRow>& rows)
{
    std::printf("\nby %s:\n", title);
    for (const SpendRow& row : rows)
        std::printf(
            "  %-40s %30s  %5d calls%s\n", qPrintable(row.label.left(40)),
            qPrintable(usd(row.cost, row.simulatedCost, 4)), row.calls,
            row.unknownCostCalls
                ? qPrintable(QStringLiteral(" (%1 unknown price)").arg(row.unknownCostCalls))
                : "");
}

} // namespace

int balanceCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Spend against the budgets, by day, agent, model and project."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("json"), QStringLiteral("One JSON object.")});
    if (!parse(parser, context))
        return BadArguments;
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    auto balances = api::awaitAnswer(*engine, &EngineApi::balances, {});
    if (!balances) {
        printError(balances.error());
        return Failed;
    }
    if (parser.isSet(QStringLiteral("json"))) {
        std::printf("%s\n", dumpJson(wire::toJson(balances.value())).c_str());
        return Completed;
    }
    std::printf("%s\n", qPrintable(budgetLine(QStringLiteral("global"), balances->global)));
    for (const BudgetStatus& project : balances->projects)
        if (project.limit)
            std::printf("%s\n",
                        qPrintable(budgetLine(
                            QStringLiteral("project %1").arg(project.scope.left(8)), project)));
    printRows("day", balances->byDay);
    printRows("agent", balances->byAgent);
    printRows("model", balances->byModel);
    printRows("project", balances->byProject);
    std::printf("\n%s\n", qPrintable(storageLine(balances->storage)));
    return Completed;
}

int topupCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Raise a budget by AMOUNT USD (the global one, or a project's with --project). A serving "
        "orchestratord resumes the runs waiting for it within 15 seconds."));
    addCommonOptions(parser);
    parser.addOption({QStringLiteral("project"),
                      QStringLiteral("Project id (or its first characters)."),
                      QStringLiteral("ID")});
    parser.addPositionalArgument(QStringLiteral("amount"), QStringLiteral("USD to add."));
    if (!parse(parser, context))
        return BadArguments;
    bool ok = false;
    const double amount = parser.positionalArguments().value(0).toDouble(&ok);
    if (parser.positionalArguments().size() != 1 || !ok || amount <= 0) {
        printError(QStringLiteral("usage: topup AMOUNT [--project ID] (AMOUNT in USD, above 0)"));
        return BadArguments;
    }
    auto engine = makeEngine(parser, false);
    if (!engine)
        return BadArguments;
    QString scope = kGlobalScope;
    if (parser.isSet(QStringLiteral("project"))) {
        const QString wanted = parser.value(QStringLiteral("project"));
        scope.clear();
        if (auto projects = api::awaitAnswer(*engine, &EngineApi::projects, {}))
            for (const ProjectRecord& project : projects.value())
                if (project.id.startsWith(wanted))
                    scope = project.id;
        if (scope.isEmpty()) {
            printError(QStringLiteral("no project %1").arg(wanted));
            return BadArguments;
        }
    }
    // Only the budget changes here; this short-lived process drives no run. A serving
    // orchestratord resumes the waiting runs within its check interval (or `resume` does).
    auto status = engine->recordTopUp(scope, amount, QStringLiteral("cli"));
    if (!status) {
        printError(status.error());
        return Failed;
    }
    std::printf("%s\n",
                qPrintable(budgetLine(
                    scope == kGlobalScope ? scope : QStringLiteral("project %1").arg(scope.left(8)),
                    status.value())));
    return Completed;
}

} // namespace orch::cli
