#pragma once
// How each coding agent CLI is started non-interactively in a workspace: its arguments (the
// prompt points at the task file; its JSON stream on; its own sandbox and permission prompts
// off, because the orchestrator's sandbox replaces them; the session to resume), and its
// environment (its own home in a per-run folder, the allow-list proxy, the model endpoint).
// The key itself is never part of a launch: it is added by name when the process starts, so
// a launch can be logged and journaled as it is.
//
// Claude Code: `claude -p PROMPT --output-format stream-json --verbose --permission-mode
// bypassPermissions [--model M] [--resume SESSION]`, its settings under CLAUDE_CONFIG_DIR
// (https://docs.anthropic.com/en/docs/claude-code/cli-reference,
// https://docs.anthropic.com/en/docs/claude-code/settings#environment-variables).
// Codex: `codex exec --json --sandbox danger-full-access --skip-git-repo-check -C WORKSPACE
// [-m M] PROMPT`, or `… resume SESSION PROMPT`, its state under CODEX_HOME
// (https://developers.openai.com/codex/noninteractive, https://github.com/openai/codex/blob/
// main/docs/exec.md).

#include "coding/CodingStream.h"
#include "core/Result.h"
#include "graph/GraphDefinition.h"

#include <utility>
#include <vector>

namespace orch {

struct CodingPlace
{
    QString workspace;
    QString taskFile; // as the CLI sees it
    QString home;     // the CLI's own home for this run
    QString proxyUrl; // http://127.0.0.1:PORT inside the sandbox; "": no proxy
    QString baseUrl;  // the model endpoint when not the CLI's default
};

struct CodingLaunch
{
    QString program;
    QStringList arguments;
    std::vector<std::pair<QString, QString>> environment; // never a secret
    QStringList keyVariables; // where the key goes when the process starts
    bool jsonStream = true;   // false: another CLI, its output lines are its messages
    CodingStreamReader::Dialect dialect = CodingStreamReader::Dialect::ClaudeCode;
};

// `resumeSession` empty: a new session.
Result<CodingLaunch> codingLaunch(const CodingAgentSettings& settings, const CodingPlace& place,
                                  const QString& resumeSession = {});

} // namespace orch
