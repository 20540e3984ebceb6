#pragma once
// What a coding agent CLI reports as it works, read line by line from its documented JSON
// stream as it arrives. The CLI is as untrusted as a model: a line that is not JSON, an event
// of a type this build does not know, a field of the wrong type or a huge line is an event of
// its own (garbled or unknown, bounded), never an exception, and the reader's memory stays
// bounded whatever arrives.
//
// Claude Code, `claude -p … --output-format stream-json --verbose` (the CLI reference,
// https://docs.anthropic.com/en/docs/claude-code/cli-reference, and headless mode,
// https://docs.anthropic.com/en/docs/claude-code/sdk/sdk-headless): one JSON object per line;
// `system` (subtype `init`: session_id, model, tools), `assistant` (message: the Messages API's
// message {id, content: `text`, `tool_use` {id, name, input}, usage}), `user` (message.content:
// `tool_result` {tool_use_id, content, is_error}), and last `result` (subtype success |
// error_max_turns | error_during_execution, is_error, result, session_id, total_cost_usd,
// num_turns, duration_ms, usage {input_tokens, output_tokens, cache_creation_input_tokens,
// cache_read_input_tokens}).
//
// Codex CLI, `codex exec --json` (https://github.com/openai/codex/blob/main/docs/exec.md):
// `thread.started` {thread_id}, `turn.started`, `item.started` / `item.updated` /
// `item.completed` {item: {id, type, …}} with the item types agent_message {text}, reasoning
// {text}, command_execution {command, aggregated_output, exit_code, status}, file_change
// {changes: [{path, kind}], status}, mcp_tool_call {server, tool, status}, web_search {query},
// todo_list {items}, error {message}; `turn.completed` {usage: {input_tokens,
// cached_input_tokens, output_tokens}}, `turn.failed` {error: {message}}, and `error`
// {message}.

#include "api/ChatTypes.h"

#include <QByteArray>
#include <QString>
#include <optional>
#include <vector>

namespace orch {

struct CodingEvent
{
    enum class Kind
    {
        Session,    // the CLI's session (or thread) id, to resume it
        Message,    // what the agent says
        ToolUse,    // a tool it calls (Claude Code) or an MCP call (Codex)
        ToolResult, // what a tool gave back
        Command,    // a shell command it ran, with its exit code and output
        FileChange, // a file it wrote, edited or deleted
        Usage,      // tokens (and a cost, where the CLI reports one)
        Finished,   // the task ended as the CLI sees it (its last word)
        Failed,     // the CLI says the task failed
        Unknown,    // a JSON event of a type this build does not know
        Garbled,    // a line that is not a JSON object, or too long
    };
    Kind kind = Kind::Unknown;
    QString text;     // bounded; what to show
    QString name;     // tool name, item or event type
    QString path;     // FileChange
    int exitCode = 0; // Command
    bool isError = false;
    QString sessionId;
    TokenUsage usage;           // Usage, Finished
    std::optional<double> cost; // USD, where the CLI reports it (Claude Code's result)
    bool usageIsTotal = false;  // the run's total so far (Claude Code) rather than a turn's
};

const char* codingEventKindName(CodingEvent::Kind kind);

class CodingStreamReader
{
public:
    enum class Dialect
    {
        ClaudeCode,
        Codex,
    };
    static constexpr qsizetype kLongestLine = 4 * 1024 * 1024;
    static constexpr qsizetype kLongestText = 2000;

    explicit CodingStreamReader(Dialect dialect) : m_dialect(dialect) {}

    // The events of every line `chunk` completes (a line may arrive in many chunks).
    std::vector<CodingEvent> feed(const QByteArray& chunk);
    // The stream ended: what its last line without a newline says.
    std::vector<CodingEvent> finish();
    int garbledLines() const { return m_garbled; }

private:
    void readLine(const QByteArray& line, std::vector<CodingEvent>& events);
    void readClaude(const Json& event, std::vector<CodingEvent>& events);
    void readCodex(const Json& event, std::vector<CodingEvent>& events) const;

    Dialect m_dialect;
    QByteArray m_partial;
    bool m_skippingLongLine = false; // the rest of a line already reported as too long
    int m_garbled = 0;
    QString m_lastCountedMessage; // Claude Code repeats a message's usage on each of its blocks
};

} // namespace orch
