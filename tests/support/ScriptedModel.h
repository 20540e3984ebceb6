#pragma once
// Scripts the fake model per agent. Test graphs give each agent the prompt "agent:<id>", so
// a request tells which agent is calling; each agent has its own queue of replies.

#include "FakeLlmServer.h"

#include <QHash>
#include <QMutex>
#include <deque>
#include <memory>

namespace orch::test {

class ScriptedModel
{
public:
    using Fallback = std::function<FakeReply(const QString& agent, const Json& request)>;

    void script(const QString& agent, std::vector<FakeReply> replies);
    // Used when an agent's queue is empty (default: a 500 naming the agent).
    void setFallback(Fallback fallback);
    FakeLlmServer::Handler handler();

    int callsFor(const QString& agent) const;
    // Reads "agent:<id>" from the system prompt of an OpenAI or Anthropic request.
    static QString agentOf(const Json& request);
    // Serves a recorded replay script (resources/demo) over the OpenAI protocol: the agent from
    // the system prompt, the turn from the number of assistant messages so far.
    static FakeReply replyFromRecording(const Json& script, const RecordedRequest& request);

private:
    struct Shared
    {
        mutable QMutex mutex;
        QHash<QString, std::deque<FakeReply>> queues;
        QHash<QString, int> calls;
        Fallback fallback;
    };
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
};

// A fake model server answering from a ScriptedModel, as most tests use them: listen once,
// reset before each test.
struct ScriptedServer
{
    FakeLlmServer server;
    ScriptedModel model;

    bool listen() { return server.listen(); }
    // Forgets the previous test's script, requests and queued replies.
    void reset()
    {
        model = ScriptedModel();
        server.reset();
        server.setHandler(model.handler());
    }
    Json lastRequest() const { return server.requests().last().json(); }
};

// Tool-call helpers for scripts.
ToolCall handoffCall(const QString& to, const QString& id = QStringLiteral("call_h"));
ToolCall toolCall(const std::string& name, const Json& arguments, const std::string& id = "call_1");

} // namespace orch::test
