#pragma once
// The task file a coding agent CLI is given: what the project is (name, description, spec and
// its acceptance checks, the plan, the template's contract), the change or repair asked for,
// what failed when the work comes back (the failure, the failing tests, the failed checks, the
// note of who sent it back), the lessons of earlier runs, and the rules its work is checked
// by (`make test` passes; the orchestrator commits, as the repository is read-only to it).
// Markdown, bounded: every part from the state is cut to its share, so a huge state never makes a
// huge prompt.

#include "core/Json.h"

#include <QString>

namespace orch::codingTask {

constexpr qsizetype kLongestPart = 6000;
constexpr qsizetype kLongestTask = 40000;

// `note`: what the agent that handed the work over said; `lessons`: the failure memory's text.
QString write(const Json& state, const QString& note, const QString& lessons);

// The conventions file the CLI reads by itself (CLAUDE.md for Claude Code, AGENTS.md for the
// others), written into the workspace when the project has none.
QString conventionsFileName(const QString& program);
QString conventions();

} // namespace orch::codingTask
