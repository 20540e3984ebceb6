#include "report/ReportBuilder.h"

#include "api/MoneyTypes.h"
#include "graph/ProjectState.h"
#include "money/Usd.h"

#include <QDateTime>
#include <QSet>
#include <map>

namespace orch {
namespace {

QString text(const Json& object, const char* key, const QString& fallback = QStringLiteral("—"))
{
    const std::string value = stringOr(object, key);
    return value.empty() ? fallback : toQ(value);
}

// Free text from the spec or the person: "<name>" would read as an HTML tag in Markdown and
// hide the rest of the document, so the three HTML characters are written as entities.
QString plain(QString value)
{
    return value.replace(QLatin1Char('&'), QStringLiteral("&amp;"))
        .replace(QLatin1Char('<'), QStringLiteral("&lt;"))
        .replace(QLatin1Char('>'), QStringLiteral("&gt;"));
}

QString cell(QString value)
{
    return value.replace(QLatin1Char('|'), QStringLiteral("\\|"))
        .replace(QLatin1Char('\n'), QLatin1Char(' '));
}

// A JSON value on one line, for a table cell.
QString compact(const Json& value)
{
    return toQ(dumpJson(value));
}

void section(QStringList& out, const QString& title)
{
    out << QString() << QStringLiteral("## ") + title << QString();
}

void specSection(QStringList& out, const Json& spec)
{
    section(out, QStringLiteral("Specification"));
    if (!spec.is_object()) {
        out << QStringLiteral("No specification was written.");
        return;
    }
    out << QStringLiteral("**%1** — %2")
               .arg(plain(text(spec, "title")), plain(text(spec, "summary")));
    for (const char* list : {"requirements", "acceptance"}) {
        if (!spec.contains(list) || !spec[list].is_array() || spec[list].empty())
            continue;
        out << QString()
            << (QLatin1String(list) == QLatin1String("acceptance")
                    ? QStringLiteral("Acceptance checks:")
                    : QStringLiteral("Requirements:"));
        for (const auto& item : spec[list])
            out << QStringLiteral("- ") +
                       plain(toQ(item.is_string() ? item.get<std::string>() : dumpJson(item)));
    }
}

// A change to an existing project: what was asked and what moved, commit and version.
void changeSection(QStringList& out, const Json& state)
{
    const Json& change = objectAt(state, "change");
    if (change.empty())
        return;
    const QString fromCommit = text(change, "from_commit");
    const QString toCommit = text(objectAt(state, "repo"), "last_commit");
    section(out, QStringLiteral("What changed"));
    out << QStringLiteral("- Asked: %1").arg(plain(text(change, "request")))
        << QStringLiteral("- Changed from run `%1`").arg(text(change, "from_run"))
        << QStringLiteral("- Code: `%1` → `%2`%3")
               .arg(fromCommit.left(12), toCommit.left(12),
                    fromCommit == toCommit ? QStringLiteral(" (no new commit)") : QString())
        << QStringLiteral("- Deployed version: `%1` → `%2`")
               .arg(text(change, "from_version"), text(objectAt(state, "deployment"), "version"));
    if (fromCommit != toCommit && fromCommit != QStringLiteral("—"))
        out << QStringLiteral("- See it with `git diff %1 %2` in the repository.")
                   .arg(fromCommit.left(12), toCommit.left(12));
}

void deliverySections(QStringList& out, const Json& state)
{
    const Json repo = objectAt(state, "repo");
    section(out, QStringLiteral("Code"));
    out << QStringLiteral("- Template: %1").arg(text(objectAt(state, "scaffold"), "template"))
        << QStringLiteral("- Repository: `%1` (branch %2)")
               .arg(text(repo, "path"), text(repo, "branch"))
        << QStringLiteral("- Last commit: `%1`").arg(text(repo, "last_commit"))
        << QStringLiteral("- Remote: `%1`, pushed: %2")
               .arg(text(repo, "remote"), text(repo, "pushed", QStringLiteral("no")));
    if (const Json github = objectAt(repo, "github"); !github.empty())
        out << QStringLiteral("- GitHub: %1 (%2)")
                   .arg(text(github, "url"), boolOr(github, "private", true)
                                                 ? QStringLiteral("private")
                                                 : QStringLiteral("public"));
    if (const Json ci = objectAt(repo, "ci"); !ci.empty()) {
        const QString conclusion = text(ci, "conclusion");
        out << QStringLiteral("- CI of `%1`: %2%3")
                   .arg(text(ci, "sha").left(12),
                        conclusion.isEmpty() ? text(ci, "status") : conclusion,
                        text(ci, "url").isEmpty() ? QString()
                                                  : QStringLiteral(" — ") + text(ci, "url"));
    }

    const Json tests = objectAt(state, "tests");
    section(out, QStringLiteral("Tests"));
    if (tests.is_object() && tests.contains("passed"))
        out << QStringLiteral("%1 (exit code %2)")
                   .arg(boolOr(tests, "passed", false) ? QStringLiteral("Passed")
                                                       : QStringLiteral("Failed"))
                   .arg(int(intOr(tests, "exit_code", -1)))
            << QString() << QStringLiteral("```") << text(tests, "summary", QString())
            << QStringLiteral("```");
    else
        out << QStringLiteral("No tests were run.");

    // The interface the Architect wrote into the repository, as the Tester checked it.
    if (const Json& api = objectAt(state, "api_spec"); !arrayAt(api, "lines").empty()) {
        section(out, QStringLiteral("API (%1)").arg(text(api, "file")));
        for (const Json& line : arrayAt(api, "lines"))
            if (line.is_string())
                out << QStringLiteral("- %1").arg(toQ(line.get<std::string>()));
    }

    const Json deployment = objectAt(state, "deployment");
    section(out, QStringLiteral("Deployment"));
    if (deployment.is_object() && deployment.contains("url")) {
        if (!text(deployment, "url", QString()).isEmpty())
            out << QStringLiteral("- URL: %1").arg(text(deployment, "url"));
        if (deployment.contains("bot"))
            out << QStringLiteral("- Telegram bot: %1").arg(text(deployment, "bot"));
        else if (text(deployment, "kind", QString()) == QLatin1String("worker"))
            out << QStringLiteral("- A background worker (no URL)");
        out << QStringLiteral("- Health: %1 after %2 check(s); version `%3`, running `%4`")
                   .arg(text(deployment, "health"))
                   .arg(int(intOr(deployment, "health_checks", 0)))
                   .arg(text(deployment, "version"), text(deployment, "running"));
        if (!boolOr(deployment, "rolled_back", false) &&
            !text(deployment, "previous", QString()).isEmpty())
            out << QStringLiteral("- Replaced release `%1`").arg(text(deployment, "previous"));
        if (boolOr(deployment, "rolled_back", false))
            out << QStringLiteral("- Rolled back to `%1`: %2")
                       .arg(text(deployment, "previous"), text(deployment, "reason"));
        if (deployment.contains("evidence"))
            out << QStringLiteral("- Health evidence: `%1`").arg(text(deployment, "evidence"));
    } else {
        out << QStringLiteral("Nothing was deployed.");
    }

    const Json probes = objectAt(state, "probes");
    section(out, QStringLiteral("Checks"));
    if (const Json& checks = arrayAt(probes, "checks"); !checks.empty()) {
        out << QStringLiteral("| check | criterion | request | expected | got | passed |")
            << QStringLiteral("|---|---|---|---|---|---|");
        for (const Json& c : checks)
            out << QStringLiteral("| %1 | %2 | `%3` | %4 | %5 | %6 |")
                       .arg(plain(cell(text(c, "id"))))
                       .arg(intOr(c, "criterion", 0) > 0 ? QString::number(intOr(c, "criterion", 0))
                                                         : QStringLiteral("–"))
                       .arg(cell(compact(objectAt(c, "request"))))
                       .arg(plain(cell(compact(objectAt(c, "expected")))))
                       .arg(plain(cell(compact(objectAt(c, "got")).left(160))))
                       .arg(boolOr(c, "passed", false) ? QStringLiteral("yes")
                                                       : QStringLiteral("**no**"));
        if (const Json& open = arrayAt(probes, "uncovered_criteria"); !open.empty())
            out << QString()
                << QStringLiteral("Acceptance criteria without a check: %1.")
                       .arg(toQ(dumpJson(open)));
    } else if (probes.contains("results")) { // runs recorded before the check sheet
        out << QStringLiteral("| path | expected | got | passed |")
            << QStringLiteral("|---|---|---|---|");
        for (const auto& p : probes["results"])
            out << QStringLiteral("| `%1` | %2 %3 | %4 `%5` | %6 |")
                       .arg(text(p, "path"))
                       .arg(int(intOr(p, "expected_status", 0)))
                       .arg(cell(text(p, "expected_body", QString())))
                       .arg(int(intOr(p, "status", 0)))
                       .arg(cell(text(p, "body", QString()).left(120)))
                       .arg(boolOr(p, "passed", false) ? QStringLiteral("yes")
                                                       : QStringLiteral("**no**"));
    } else {
        out << QStringLiteral("No checks were made.");
    }
}

QString minutes(qint64 ms)
{
    if (ms < 60000)
        return QStringLiteral("%1 s").arg(double(ms) / 1000.0, 0, 'f', ms < 10000 ? 1 : 0);
    return QStringLiteral("%1 min").arg(double(ms) / 60000.0, 0, 'f', ms < 600000 ? 1 : 0);
}

// What the forecast said when the run began, beside what it cost and took.
void forecastBesideActual(QStringList& out, const ReportInput& input, double cost)
{
    const Json& forecast = objectAt(input.state, "forecast");
    if (forecast.empty())
        return;
    qint64 workMs = 0;
    for (const StepRecord& step : input.steps)
        workMs += step.durationMs;
    const QString actual =
        QStringLiteral("actual: %1 and %2 of work").arg(usd(cost, 4), minutes(workMs));
    out << QString();
    if (intOr(forecast, "samples", 0) <= 0) {
        out << QStringLiteral("Forecast: none (%1); %2.").arg(text(forecast, "basis"), actual);
        return;
    }
    out << QStringLiteral("Forecast: %1 (%2–%3) and %4 (%5–%6) of work, from %7; %8.")
               .arg(usd(doubleOr(forecast, "cost_mid", 0), 4),
                    usd(doubleOr(forecast, "cost_low", 0), 4),
                    usd(doubleOr(forecast, "cost_high", 0), 4),
                    minutes(intOr(forecast, "ms_mid", 0)), minutes(intOr(forecast, "ms_low", 0)),
                    minutes(intOr(forecast, "ms_high", 0)), text(forecast, "basis"), actual);
}

void stepsAndCost(QStringList& out, const ReportInput& input)
{
    section(out, QStringLiteral("Steps"));
    out << QStringLiteral("| # | agent | outcome | tools | tokens in/out | time |")
        << QStringLiteral("|---|---|---|---|---|---|");
    for (const StepRecord& step : input.steps) {
        QStringList tools;
        for (const auto& tool : arrayAt(step.detail, "tools"))
            tools << text(tool, "name") +
                         (boolOr(tool, "ok", true) ? QString() : QStringLiteral(" (failed)"));
        // One pass over the pattern: a chain of .arg() calls scans and copies it per value.
        out << QStringLiteral("| %1 | %2 | %3 | %4 | %5/%6 | %7 s |")
                   .arg(QString::number(step.stepNo), step.agent, step.outcome,
                        tools.join(QStringLiteral(", ")), QString::number(step.usage.prompt),
                        QString::number(step.usage.completion),
                        QString::number(double(step.durationMs) / 1000.0, 'f', 1));
    }
    struct Line
    {
        int calls = 0;
        TokenUsage usage;
        std::optional<double> cost = 0.0;
        double simulated = 0;
    };
    std::map<std::pair<QString, QString>, Line> byAgentModel;
    std::optional<double> total = 0.0;
    double simulated = 0; // the offline demo model's simulated money
    QSet<QString> providers;
    for (const LedgerEntry& e : input.ledger) {
        Line& line = byAgentModel[{e.agent, e.model}];
        if (isSimulatedProvider(e.provider)) {
            line.simulated += e.cost.value_or(0.0);
            simulated += e.cost.value_or(0.0);
        }
        ++line.calls;
        line.usage += e.usage;
        line.cost =
            (line.cost && e.cost) ? std::optional<double>(*line.cost + *e.cost) : std::nullopt;
        total = (total && e.cost) ? std::optional<double>(*total + *e.cost) : std::nullopt;
        providers.insert(e.provider);
    }
    section(out, QStringLiteral("Cost"));
    out << QStringLiteral("Models: %1")
               .arg(QStringList(providers.begin(), providers.end()).join(QStringLiteral(", ")))
        << QString() << QStringLiteral("| agent | model | calls | tokens in/out | cost |")
        << QStringLiteral("|---|---|---|---|---|");
    for (const auto& [key, line] : byAgentModel)
        out << QStringLiteral("| %1 | %2 | %3 | %4/%5 | %6 |")
                   .arg(key.first, key.second, QString::number(line.calls),
                        QString::number(line.usage.prompt), QString::number(line.usage.completion),
                        line.cost ? usd(*line.cost, line.simulated, 4) : usd(line.cost, 4));
    out << QStringLiteral("| **total** | | %1 | %2/%3 | **%4** |")
               .arg(input.ledger.size())
               .arg(input.run.promptTokens)
               .arg(input.run.completionTokens)
               .arg(total ? usd(*total, simulated, 4) : usd(total, 4));
    if (simulated > 0)
        out << QString()
            << QStringLiteral("The offline demo model's calls are priced as a mid-size model's "
                              "would be (pricing table entry `offline-demo`): simulated money, "
                              "not spent and not counted against a budget.");
    if (!total)
        out << QString()
            << QStringLiteral("Some models are missing from the pricing table: their cost is "
                              "unknown, not zero.");
    forecastBesideActual(out, input, total.value_or(0.0));
}

void problems(QStringList& out, const ReportInput& input)
{
    section(out, QStringLiteral("Problems"));
    QStringList lines;
    for (const auto& error : arrayAt(input.state, "errors"))
        lines << QStringLiteral("- %1 (attempt %2): %3")
                     .arg(text(error, "agent"))
                     .arg(int(intOr(error, "attempt", 1)))
                     .arg(text(error, "reason"));
    for (const StepRecord& step : input.steps)
        for (const auto& tool : arrayAt(step.detail, "tools"))
            if (!boolOr(tool, "ok", true))
                lines << QStringLiteral("- step %1, %2: tool %3 failed")
                             .arg(step.stepNo)
                             .arg(step.agent, text(tool, "name"));
    if (!input.run.reason.isEmpty())
        lines << QStringLiteral("- the run ended %1: %2")
                     .arg(RunStatus::name(input.run.status), input.run.reason);
    out << (lines.isEmpty() ? QStringList{QStringLiteral("None.")} : lines);
}

} // namespace

QString buildReport(const ReportInput& input)
{
    const RunRecord& run = input.run;
    QStringList out;
    const StateView state(input.state);
    const QString title = state.spec().title;
    out << QStringLiteral("# %1").arg(plain(title.isEmpty() ? input.project.name : title))
        << QString()
        << QStringLiteral("Run `%1`: **%2** after %3 steps, %4 s (%5 → %6).")
               .arg(run.id, RunStatus::name(run.status))
               .arg(run.steps)
               .arg((run.updatedAt - run.createdAt) / 1000)
               .arg(QDateTime::fromMSecsSinceEpoch(run.createdAt).toString(Qt::ISODate),
                    QDateTime::fromMSecsSinceEpoch(run.updatedAt).toString(Qt::ISODate));
    section(out, QStringLiteral("What was asked"));
    out << plain(input.project.description);
    changeSection(out, input.state);
    specSection(out, state.specDocument());
    deliverySections(out, input.state);
    stepsAndCost(out, input);
    problems(out, input);
    const std::string summary = stringOr(objectAt(input.state, "report"), "markdown");
    if (!summary.empty()) {
        section(out, QStringLiteral("Summary by the Documentator"));
        out << toQ(summary);
    }
    return out.join(QLatin1Char('\n')) + QLatin1Char('\n');
}

} // namespace orch
