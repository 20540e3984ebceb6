// Condensing an agent's conversation when shortening old results is not enough: the model
// writes a note of the older part, which replaces it; the latest turns stay verbatim.
#include "agents/LlmAgent.h"
#include "core/Log.h"
#include "llm/ContextBudget.h"
#include "llm/LlmProvider.h"

namespace orch {
namespace {

constexpr const char* kCondensePrompt =
    "You condense the working conversation of a software agent so that it can go on with its "
    "task in a fresh context. Write a compact note in plain text with these parts: the goal; "
    "what has been done (files created or changed and what each is for, commands and tests run "
    "and their results); decisions made and why; what failed and the exact error; what remains "
    "to do next. Keep file names, function names, identifiers, versions and error messages "
    "exactly as they were. Do not invent anything. At most 500 words.";

} // namespace

void LlmAgent::condense(const QString& why)
{
    const size_t cut = context::recentStart(m_input.conversation, 2);
    if (cut == 0)
        return failStep(QStringLiteral("the conversation does not fit the model's context "
                                       "window (%1 tokens) even with old results shortened; "
                                       "raise context_window of the model profile or use a "
                                       "model with a larger window")
                            .arg(m_setup.profile.contextWindow));
    log::get("graph")->info("{}: condensing {} older messages ({})", toStd(definition().id),
                            cut - 1, toStd(why));
    ChatRequest request = profiledRequest(std::min(m_setup.profile.outputTokens, 2000));
    request.temperature = 0;
    request.system = kCondensePrompt;
    // The transcript takes at most half of the budget (in bytes, about four per token).
    const size_t maxBytes = size_t(std::max<long long>(4000, contextBudget() * 2));
    request.messages = {ChatMessage::user(
        "Agent " + toStd(definition().id) + "'s conversation so far:\n\n" +
        context::transcript(m_input.conversation, 1, cut, maxBytes) + "\n\nWrite the note now.")};
    m_condenseCut = cut;
    m_outcome.text = QStringLiteral("condensing the conversation: %1").arg(why);
    m_call = m_setup.provider->start(request, this);
    connect(m_call, &LlmCall::finished, this, &LlmAgent::onCondensed);
    connect(m_call, &LlmCall::retrying, this, &Agent::retrying);
}

void LlmAgent::onCondensed()
{
    LlmCall* call = m_call;
    call->deleteLater();
    if (!call->succeeded())
        return failStep(
            QStringLiteral("condensing the conversation failed: %1").arg(call->error()));
    const ChatResponse response = call->response();
    emit modelReplied(m_outcome.provider, m_outcome.model, response.usage);
    if (response.content.empty())
        return failStep(QStringLiteral("condensing the conversation failed: the model wrote "
                                       "an empty note"));
    const auto& old = m_input.conversation;
    std::vector<ChatMessage> condensed = {
        old.front(),
        ChatMessage::user("Your earlier work in this task, condensed to save context (the "
                          "older messages were replaced by this note):\n\n" +
                          response.content.substr(0, 16000))};
    condensed.insert(condensed.end(), old.begin() + long(m_condenseCut), old.end());
    m_outcome.kind = StepOutcome::Kind::Compacted;
    m_outcome.conversation = std::move(condensed);
    m_outcome.usage = response.usage;
    m_outcome.attempts = response.attempts;
    m_outcome.text = toQ(response.content).left(2000);
    finishStep(std::move(m_outcome));
}

} // namespace orch
