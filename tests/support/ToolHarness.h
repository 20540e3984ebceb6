#pragma once
// Calls a tool as an agent would and waits for its answer (tools may be asynchronous).

#include "graph/GraphDefinition.h"
#include "tools/Tool.h"

#include <QTest>

namespace orch::test {

// The tool sees `state` as the project state (the deployment, the spec, earlier results).
inline ToolResult callToolWithState(Tool& tool, const Json& arguments, const Json& state,
                                    const QString& workspace, QObject* owner = nullptr,
                                    int timeoutMs = 30000)
{
    static const AgentDefinition agent{QStringLiteral("developer")};
    ToolResult result;
    bool answered = false;
    tool.invoke(arguments, {state, agent, QStringLiteral("run"), workspace, owner},
                [&](ToolResult r) {
                    result = std::move(r);
                    answered = true;
                });
    if (!QTest::qWaitFor([&] { return answered; }, timeoutMs))
        qWarning("tool did not answer");
    return result;
}

inline ToolResult callTool(Tool& tool, const Json& arguments, const QString& workspace,
                           QObject* owner = nullptr, int timeoutMs = 30000)
{
    return callToolWithState(tool, arguments, Json::object(), workspace, owner, timeoutMs);
}

inline std::string errorOf(const ToolResult& result)
{
    return result.output.is_object() ? result.output.value("error", std::string()) : std::string();
}

} // namespace orch::test
