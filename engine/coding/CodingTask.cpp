#include "coding/CodingTask.h"

namespace orch::codingTask {
namespace {

QString part(const Json& value)
{
    if (value.is_null() || (value.is_object() && value.empty()))
        return {};
    const QString text =
        value.is_string() ? toQ(value.get<std::string>()) : toQ(dumpJson(value, 1));
    return text.size() <= kLongestPart ? text : text.left(kLongestPart) + QStringLiteral("\n…");
}

void section(QString& task, const QString& title, const QString& body, bool fenced = true)
{
    if (body.trimmed().isEmpty())
        return;
    task += QStringLiteral("\n## %1\n").arg(title);
    task += fenced ? QStringLiteral("```\n%1\n```\n").arg(body) : body + QLatin1Char('\n');
}

} // namespace

QString write(const Json& state, const QString& note, const QString& lessons)
{
    const Json& project = objectAt(state, "project");
    QString task = QStringLiteral("# Task: %1\n\n%2\n")
                       .arg(toQ(stringOr(project, "name")), part(member(project, "description")));
    const Json& change = objectAt(state, "change");
    if (state.contains("repair"))
        section(task, QStringLiteral("Repair"),
                QStringLiteral("The project is deployed but fails its health checks, and "
                               "restarting it did not help: %1\nFind the cause, fix it with a "
                               "test that shows it, and keep the rest as it is. The evidence:\n")
                        .arg(toQ(stringOr(change, "request"))) +
                    part(member(state, "repair")),
                false);
    else if (!change.empty())
        section(task, QStringLiteral("The change asked for"),
                QStringLiteral("The project exists and is deployed; change what this needs and "
                               "keep the rest: %1")
                    .arg(toQ(stringOr(change, "request"))),
                false);
    section(task, QStringLiteral("Specification (acceptance checks in `acceptance`)"),
            part(member(state, "spec")));
    section(task, QStringLiteral("Plan"), part(member(state, "plan")));
    section(task, QStringLiteral("The template's contract (deploy.json)"),
            part(member(objectAt(state, "scaffold"), "contract")));

    QString failed;
    if (const Json& failure = objectAt(state, "failure"); !failure.empty())
        failed += QStringLiteral("The last failure (%1, found by %2): %3\n")
                      .arg(toQ(stringOr(failure, "class")), toQ(stringOr(failure, "tool")),
                           part(member(failure, "reason")));
    if (const Json& tests = objectAt(state, "tests");
        tests.contains("passed") && !boolOr(tests, "passed", true))
        failed += QStringLiteral("The tests failed: %1\n%2\n")
                      .arg(toQ(stringOr(tests, "first_failure")), part(member(tests, "summary")));
    if (const Json& probes = objectAt(state, "probes");
        probes.contains("passed") && !boolOr(probes, "passed", true))
        failed += QStringLiteral("Checks of the deployed service that failed (expected and "
                                 "got):\n%1\n")
                      .arg(part(member(probes, "failed")));
    if (!note.trimmed().isEmpty())
        failed += QStringLiteral("The note it came back with: %1\n").arg(note.left(kLongestPart));
    section(task, QStringLiteral("What failed (fix this first)"), failed, false);
    section(task, QStringLiteral("Lessons from earlier runs"), lessons.trimmed(), false);
    section(
        task, QStringLiteral("How your work is checked"),
        QStringLiteral("- Work only in this folder; it is the project's git repository.\n"
                       "- Write unit tests for what you build; `make test` must pass.\n"
                       "- Do not commit: the repository is read-only to you. When you finish, the "
                       "orchestrator runs `make test` and commits what you changed with your last "
                       "message as the commit message; the work goes on only when the tests pass.\n"
                       "- Do not change `deploy.json` unless the plan says so; put packages in "
                       "`requirements.txt`, one per line.\n"
                       "- There is no network but your model's; do not try to install tools."),
        false);
    return task.size() <= kLongestTask ? task : task.left(kLongestTask) + QStringLiteral("\n…\n");
}

QString conventionsFileName(const QString& program)
{
    return program == QLatin1String("claude") ? QStringLiteral("CLAUDE.md")
                                              : QStringLiteral("AGENTS.md");
}

QString conventions()
{
    return QStringLiteral(
        "# Conventions\n\n"
        "- Python 3, the standard library first; packages in `requirements.txt`.\n"
        "- `make test` runs the unit tests (`test_*.py`, unittest); it must pass.\n"
        "- `deploy.json` says how the service starts and how its health is checked.\n"
        "- Small commits with messages that say what changed and why.\n");
}

} // namespace orch::codingTask
