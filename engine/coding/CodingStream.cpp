#include "coding/CodingStream.h"

#include <cmath>

namespace orch {
namespace {

using Kind = CodingEvent::Kind;

QString bounded(const std::string& text)
{
    const QString value = toQ(text);
    return value.size() <= CodingStreamReader::kLongestText
               ? value
               : value.left(CodingStreamReader::kLongestText - 1) + QChar(0x2026);
}

// A token count as the CLI reports it: a whole number from 0 to a bound no real run reaches;
// anything else is not believed (the usage is then marked as not reported).
long long tokens(const Json& usage, const char* key, bool& believable)
{
    const Json& value = member(usage, key);
    if (value.is_null())
        return 0;
    const auto count = asInteger(value);
    if (!count || *count < 0 || *count > 1'000'000'000'000LL) {
        believable = false;
        return 0;
    }
    return *count;
}

// Anthropic's usage object: input_tokens excludes what was written to or read from the cache.
TokenUsage anthropicUsage(const Json& usage)
{
    TokenUsage counted;
    bool believable = true;
    counted.prompt = tokens(usage, "input_tokens", believable) +
                     tokens(usage, "cache_creation_input_tokens", believable) +
                     tokens(usage, "cache_read_input_tokens", believable);
    counted.cached = tokens(usage, "cache_read_input_tokens", believable);
    counted.cacheWrite = tokens(usage, "cache_creation_input_tokens", believable);
    counted.completion = tokens(usage, "output_tokens", believable);
    counted.reported = believable;
    return counted;
}

CodingEvent event(Kind kind, QString text = {}, QString name = {})
{
    CodingEvent e;
    e.kind = kind;
    e.text = std::move(text);
    e.name = std::move(name);
    return e;
}

// The text of a tool result's content: a string, or Anthropic content blocks.
std::string contentText(const Json& content)
{
    if (content.is_string())
        return content.get<std::string>();
    std::string text;
    if (content.is_array())
        for (const Json& block : content)
            text += stringOr(block, "text");
    return text;
}

} // namespace

const char* codingEventKindName(CodingEvent::Kind kind)
{
    switch (kind) {
    case Kind::Session:
        return "session";
    case Kind::Message:
        return "message";
    case Kind::ToolUse:
        return "tool_use";
    case Kind::ToolResult:
        return "tool_result";
    case Kind::Command:
        return "command";
    case Kind::FileChange:
        return "file_change";
    case Kind::Usage:
        return "usage";
    case Kind::Finished:
        return "finished";
    case Kind::Failed:
        return "failed";
    case Kind::Unknown:
        return "unknown";
    case Kind::Garbled:
        return "garbled";
    }
    return "unknown";
}

std::vector<CodingEvent> CodingStreamReader::feed(const QByteArray& chunk)
{
    std::vector<CodingEvent> events;
    qsizetype from = 0;
    while (from < chunk.size()) {
        const qsizetype newline = chunk.indexOf('\n', from);
        const qsizetype end = newline < 0 ? chunk.size() : newline;
        if (!m_skippingLongLine) {
            m_partial.append(chunk.constData() + from, end - from);
            if (m_partial.size() > kLongestLine) {
                // Reported once; the rest of the line is dropped as it arrives.
                ++m_garbled;
                events.push_back(event(
                    Kind::Garbled,
                    QStringLiteral("a line longer than %1 bytes was dropped").arg(kLongestLine)));
                m_partial.clear();
                m_skippingLongLine = true;
            }
        }
        if (newline < 0)
            break;
        if (!m_skippingLongLine)
            readLine(m_partial, events);
        m_partial.clear();
        m_skippingLongLine = false;
        from = newline + 1;
    }
    return events;
}

std::vector<CodingEvent> CodingStreamReader::finish()
{
    std::vector<CodingEvent> events;
    if (!m_skippingLongLine && !m_partial.trimmed().isEmpty())
        readLine(m_partial, events);
    m_partial.clear();
    m_skippingLongLine = false;
    return events;
}

void CodingStreamReader::readLine(const QByteArray& line, std::vector<CodingEvent>& events)
{
    const QByteArray trimmed = line.trimmed();
    if (trimmed.isEmpty())
        return;
    const Json parsed = parseJson(trimmed);
    if (parsed.is_discarded() || !parsed.is_object() || !member(parsed, "type").is_string()) {
        ++m_garbled;
        events.push_back(event(Kind::Garbled, bounded(trimmed.left(300).toStdString())));
        return;
    }
    if (m_dialect == Dialect::ClaudeCode)
        readClaude(parsed, events);
    else
        readCodex(parsed, events);
}

void CodingStreamReader::readClaude(const Json& e, std::vector<CodingEvent>& events)
{
    const std::string type = stringOr(e, "type");
    if (type == "system") {
        if (const std::string session = stringOr(e, "session_id"); !session.empty()) {
            CodingEvent started =
                event(Kind::Session, bounded(stringOr(e, "model")), toQ(stringOr(e, "subtype")));
            started.sessionId = bounded(session);
            events.push_back(std::move(started));
        }
        return;
    }
    if (type == "assistant" || type == "user") {
        for (const Json& block : arrayAt(objectAt(e, "message"), "content")) {
            const std::string kind = stringOr(block, "type");
            if (kind == "text") {
                if (const std::string text = stringOr(block, "text"); !text.empty())
                    events.push_back(event(Kind::Message, bounded(text)));
            } else if (kind == "tool_use") {
                const Json& input = member(block, "input");
                // What a person reads first: the command, the pattern or the address the
                // tool was given, else its whole input.
                std::string what;
                for (const char* key : {"command", "pattern", "url", "query", "description"})
                    if (what.empty())
                        what = stringOr(input, key);
                CodingEvent use =
                    event(Kind::ToolUse, bounded(what.empty() ? dumpJson(input) : what),
                          bounded(stringOr(block, "name")));
                for (const char* key : {"file_path", "path", "notebook_path"})
                    if (const std::string path = stringOr(input, key); !path.empty())
                        use.path = bounded(path);
                events.push_back(std::move(use));
            } else if (kind == "tool_result") {
                CodingEvent result =
                    event(Kind::ToolResult, bounded(contentText(member(block, "content"))));
                result.isError = boolOr(block, "is_error", false);
                events.push_back(std::move(result));
            }
        }
        // What each model call used, as it happens, so a cost limit holds mid-task; counted
        // once per message however many events carry it.
        const Json& message = objectAt(e, "message");
        const QString id = toQ(stringOr(message, "id")).left(200);
        if (type == "assistant" && member(message, "usage").is_object() &&
            (id.isEmpty() || id != m_lastCountedMessage)) {
            m_lastCountedMessage = id;
            CodingEvent used = event(Kind::Usage);
            used.usage = anthropicUsage(objectAt(message, "usage"));
            events.push_back(std::move(used));
        }
        return;
    }
    if (type == "result") {
        const Json& usage = objectAt(e, "usage");
        CodingEvent last =
            event(Kind::Finished, bounded(stringOr(e, "result")), toQ(stringOr(e, "subtype")));
        last.isError = boolOr(e, "is_error", false) || stringOr(e, "subtype") != "success";
        if (last.isError)
            last.kind = Kind::Failed;
        last.sessionId = bounded(stringOr(e, "session_id"));
        last.usage = anthropicUsage(usage);
        last.usageIsTotal = true;
        const Json& cost = member(e, "total_cost_usd");
        if (cost.is_number() && std::isfinite(cost.get<double>()) && cost.get<double>() >= 0 &&
            cost.get<double>() < 1e6)
            last.cost = cost.get<double>();
        events.push_back(std::move(last));
        return;
    }
    events.push_back(event(Kind::Unknown, {}, bounded(type)));
}

void CodingStreamReader::readCodex(const Json& e, std::vector<CodingEvent>& events) const
{
    const std::string type = stringOr(e, "type");
    if (type == "thread.started") {
        CodingEvent started = event(Kind::Session);
        started.sessionId = bounded(stringOr(e, "thread_id"));
        if (!started.sessionId.isEmpty())
            events.push_back(std::move(started));
        return;
    }
    if (type == "turn.started" || type == "item.started" || type == "item.updated")
        return; // what matters is in the completed item
    if (type == "turn.completed") {
        const Json& usage = objectAt(e, "usage");
        CodingEvent used = event(Kind::Usage);
        bool believable = true;
        used.usage.prompt = tokens(usage, "input_tokens", believable);
        used.usage.cached = tokens(usage, "cached_input_tokens", believable);
        used.usage.completion = tokens(usage, "output_tokens", believable);
        used.usage.reported = believable;
        events.push_back(std::move(used));
        // `codex exec` runs one turn: its end is the task's.
        events.push_back(event(Kind::Finished, {}, toQ(type)));
        return;
    }
    if (type == "turn.failed" || type == "error") {
        const std::string message =
            type == "error" ? stringOr(e, "message") : stringOr(objectAt(e, "error"), "message");
        CodingEvent failed = event(Kind::Failed, bounded(message), toQ(type));
        failed.isError = true;
        events.push_back(std::move(failed));
        return;
    }
    if (type != "item.completed") {
        events.push_back(event(Kind::Unknown, {}, bounded(type)));
        return;
    }
    const Json& item = objectAt(e, "item");
    const std::string itemType = stringOr(item, "type");
    if (itemType == "agent_message") {
        events.push_back(event(Kind::Message, bounded(stringOr(item, "text")), toQ(itemType)));
    } else if (itemType == "reasoning") {
        return; // the model's thinking is not the work
    } else if (itemType == "command_execution") {
        CodingEvent command = event(Kind::Command, bounded(stringOr(item, "aggregated_output")),
                                    bounded(stringOr(item, "command")));
        command.exitCode = int(std::clamp<long long>(intOr(item, "exit_code", -1), -1, 255));
        command.isError = command.exitCode != 0 || stringOr(item, "status") == "failed";
        events.push_back(std::move(command));
    } else if (itemType == "file_change") {
        for (const Json& change : arrayAt(item, "changes")) {
            CodingEvent file = event(Kind::FileChange, toQ(stringOr(change, "kind")));
            file.path = bounded(stringOr(change, "path"));
            file.isError = stringOr(item, "status") == "failed";
            if (!file.path.isEmpty())
                events.push_back(std::move(file));
        }
    } else if (itemType == "mcp_tool_call" || itemType == "web_search") {
        CodingEvent use = event(
            Kind::ToolUse,
            bounded(itemType == "web_search" ? stringOr(item, "query") : stringOr(item, "tool")),
            toQ(itemType));
        use.isError = stringOr(item, "status") == "failed";
        events.push_back(std::move(use));
    } else if (itemType == "error") {
        CodingEvent failed =
            event(Kind::Message, bounded(stringOr(item, "message")), toQ(itemType));
        failed.isError = true;
        events.push_back(std::move(failed));
    } else if (itemType != "todo_list") {
        events.push_back(event(Kind::Unknown, {}, bounded(itemType)));
    }
}

} // namespace orch
