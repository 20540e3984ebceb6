#include "agents/StepJournal.h"

#include "store/StepJournalStore.h"

namespace orch {
namespace {

Json replyToJson(const ChatResponse& reply)
{
    Json calls = Json::array();
    for (const ToolCall& call : reply.toolCalls)
        calls.push_back(call.toJson());
    return {{"content", reply.content},
            {"tool_calls", std::move(calls)},
            {"finish_reason", reply.finishReason},
            {"model", reply.model},
            {"attempts", reply.attempts},
            {"usage",
             {{"prompt", reply.usage.prompt},
              {"completion", reply.usage.completion},
              {"cached", reply.usage.cached},
              {"cache_write", reply.usage.cacheWrite},
              {"reported", reply.usage.reported}}}};
}

ChatResponse replyFromJson(const Json& json)
{
    ChatResponse reply;
    reply.content = stringOr(json, "content");
    for (const Json& call : arrayAt(json, "tool_calls"))
        reply.toolCalls.push_back(ToolCall::fromJson(call));
    reply.finishReason = stringOr(json, "finish_reason");
    reply.model = stringOr(json, "model");
    reply.attempts = int(intOr(json, "attempts", 1));
    const Json& usage = objectAt(json, "usage");
    reply.usage.prompt = intOr(usage, "prompt", 0);
    reply.usage.completion = intOr(usage, "completion", 0);
    reply.usage.cached = intOr(usage, "cached", 0);
    reply.usage.cacheWrite = intOr(usage, "cache_write", 0);
    reply.usage.reported = boolOr(usage, "reported", true);
    return reply;
}

} // namespace

StepJournal::StepJournal(StepJournalStore& store, QString runId, int step,
                         std::optional<RunLease> lease)
    : m_store(store), m_runId(std::move(runId)), m_step(step), m_lease(std::move(lease))
{
}

Result<void> StepJournal::load()
{
    auto rows = m_store.entries(m_runId, m_step);
    if (!rows)
        return rows.failure();
    // Rows that do not read back (damaged, or from another version) are not trusted: a reply
    // without calls is asked for again, a result that is not one makes its call "started".
    for (const JournalEntry& row : rows.value()) {
        m_touched = true;
        if (row.entry == JournalEntry::kReply && !arrayAt(row.body, "tool_calls").empty())
            m_reply = replyFromJson(row.body);
        else if (row.entry >= 0 && row.entry < 4096)
            m_calls[size_t(row.entry)] =
                row.result && row.result->is_object() && member(*row.result, "ok").is_boolean()
                    ? row.result
                    : std::nullopt;
    }
    if (!m_reply)
        m_calls.clear(); // calls are only known by their place in the reply
    return {};
}

Result<void> StepJournal::recordReply(const ChatResponse& reply)
{
    m_touched = true;
    return m_store.write(m_runId, m_step, {JournalEntry::kReply, {}, {}, replyToJson(reply), {}},
                         m_lease);
}

StepJournal::CallState StepJournal::callState(size_t index) const
{
    const auto it = m_calls.find(index);
    if (it == m_calls.end())
        return CallState::New;
    return it->second ? CallState::Completed : CallState::Started;
}

ToolResult StepJournal::recordedResult(size_t index) const
{
    const auto it = m_calls.find(index);
    if (it == m_calls.end() || !it->second)
        return ToolResult::failure(QStringLiteral("no recorded result"));
    return toolResultFromJson(*it->second);
}

Result<void> StepJournal::recordIntent(size_t index, const ToolCall& call, const Json& arguments)
{
    m_touched = true;
    m_calls[index] = std::nullopt;
    return m_store.write(m_runId, m_step,
                         {int(index), toQ(call.id), toQ(call.name), arguments, std::nullopt},
                         m_lease);
}

Result<void> StepJournal::recordResult(size_t index, const ToolCall& call, const Json& arguments,
                                       const ToolResult& result)
{
    m_touched = true;
    const Json stored = toolResultToJson(result);
    m_calls[index] = stored;
    return m_store.write(m_runId, m_step,
                         {int(index), toQ(call.id), toQ(call.name), arguments, stored}, m_lease);
}

} // namespace orch
