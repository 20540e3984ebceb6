#pragma once
// A tool an agent can call. Each tool validates its JSON arguments and answers through a
// callback (tools may be asynchronous: processes, network, thread pool).

#include "api/ChatTypes.h"
#include "core/FailureClass.h"
#include "core/Json.h"

#include <QFileInfo>
#include <QObject>
#include <QString>
#include <QStringList>
#include <functional>
#include <optional>

namespace orch {

struct AgentDefinition;

struct ToolContext
{
    const Json& state;            // project state before this step
    const AgentDefinition& agent; // the calling agent
    QString runId;
    QString workspace;        // the project's workspace root
    QObject* owner = nullptr; // parent for the tool's processes; cancelling it stops them

    // The project's id: its workspace folder is named after it.
    QString projectId() const { return QFileInfo(workspace).fileName(); }
};

struct ToolResult
{
    bool ok = true;
    Json output;                       // what the model sees (an error message when !ok)
    Json stateUpdate = Json::object(); // merged into the project state by its reducers
    std::optional<QString> handoffTo;  // the run continues with this agent
    std::optional<Json> question;      // the run waits for the person's answer
    bool finishes = false;             // the agent declares its work done (`finish`)
    // The call cannot happen yet (no production server has room): the run waits
    // (waiting_resources) and the call is made again when it resumes, as after a restart.
    std::optional<QString> waitForResources;

    static ToolResult failure(const QString& message)
    {
        ToolResult result;
        result.ok = false;
        result.output = {{"error", message.toStdString()}};
        return result;
    }
    static ToolResult success(Json output) { return {true, std::move(output), Json::object()}; }
    // A failure with whose move it calls for: the model reads the class, and the project
    // state's `failure` lets the run route it in code (see Run::heldForThePerson).
    static ToolResult failure(FailureClass failureClass, const QString& agent, const char* tool,
                              const QString& message)
    {
        ToolResult result = failure(message);
        result.output["failure_class"] = failureClassName(failureClass);
        result.output["whose_move"] =
            failureClass == FailureClass::Code
                ? "the code's: the agent that writes the code fixes it, with this evidence"
                : "not the code's: the Developer cannot fix it. Tell the person what failed and "
                  "what to do about it (ask_human); the work does not go to the Developer";
        result.stateUpdate["failure"] = failureRecord(failureClass, agent, tool, message);
        return result;
    }
    // The project state's `failure`: the last failure a tool found and whose move it is.
    static Json failureRecord(FailureClass failureClass, const QString& agent, const char* tool,
                              const QString& message)
    {
        return {{"class", failureClassName(failureClass)},
                {"agent", agent.toStdString()},
                {"tool", tool},
                {"reason", message.left(2000).toStdString()}};
    }
};

using ToolDone = std::function<void(ToolResult)>;

// One argument of a tool's JSON Schema: its type, what it means to the model, and any
// further constraints (items, enum, minimum, maximum).
inline Json argument(const char* type, const char* description, Json constraints = Json::object())
{
    Json schema = {{"type", type}, {"description", description}};
    for (auto it = constraints.begin(); it != constraints.end(); ++it)
        schema[it.key()] = it.value();
    return schema;
}

class Tool
{
public:
    virtual ~Tool() = default;
    virtual ToolSpec spec() const = 0;
    virtual void invoke(const Json& arguments, const ToolContext& context, ToolDone done) = 0;
    // The call was started before a crash and its result is unknown: it may or may not have
    // happened. A tool whose effect outlives the process (a deploy, a push) first looks at
    // whether it did and answers from what it finds; the rest simply run again.
    virtual void reconcile(const Json& arguments, const ToolContext& context, ToolDone done)
    {
        invoke(arguments, context, std::move(done));
    }
};

// A result as the step journal keeps it, and back.
Json toolResultToJson(const ToolResult& result);
ToolResult toolResultFromJson(const Json& json);

} // namespace orch
