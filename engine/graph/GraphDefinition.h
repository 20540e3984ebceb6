#pragma once
// The in-memory form of a graph file (format 1, see DESIGN.md). Immutable once loaded:
// runs share it through shared_ptr<const GraphDefinition>.

#include "core/Json.h"
#include "graph/Condition.h"

#include <QString>
#include <QStringList>
#include <map>
#include <memory>
#include <vector>

namespace orch {

inline constexpr const char* kGraphFormat = "codegen-orchestrator.graph/1";

struct ModelProfileRef
{
    QString provider; // "openai" | "anthropic" | "replay"
    QString model;
    int contextWindow = 64000; // tokens a request may hold, the reply included
    int outputTokens = 4096;   // the reply's cap
    // What the model accepts: o-series and gpt-5 refuse temperature and max_tokens.
    bool sendTemperature = true;
    QString outputTokensField = QStringLiteral("max_tokens"); // or "max_completion_tokens"
    QString reasoningEffort;           // low | medium | high; empty: not sent
    bool emptyContentAsString = false; // "" instead of null for an assistant turn of calls
};

// A coding agent CLI as a node (kind "coding_agent"): which program, its model and settings,
// its limits and the vault handle of its key.
struct CodingAgentSettings
{
    QString program;                // "claude", "codex", or "command" with `command` set
    QStringList command;            // another CLI: argv with {task_file}, {model}, {workspace}
    QString model;                  // "" : the CLI's default
    Json settings = Json::object(); // passed to the CLI as its own flags (name → value)
    double maxMinutes = 30;
    double maxCostUsd = 5.0;
    QString keySecret; // key:NAME, given to the CLI as its API key and to nothing else
};

// The flags of each CLI the orchestrator sets itself (its output, its sandbox and
// permissions, the session, the model, the folder): a node's settings may not name them.
QStringList reservedCodingFlags(const QString& program);

struct AgentDefinition
{
    QString id;
    QString title;
    QString kind = QStringLiteral("llm"); // "llm" | "builtin" | "coding_agent"
    QString action;                       // builtin agents: the C++ action to run
    QString model;                        // a key of GraphDefinition::models
    double temperature = 0.2;
    QString prompt;       // resolved prompt text
    QString promptSource; // the agent's own text, its {{include NAME}} lines kept
    QStringList tools;
    QStringList handoffs;
    // State paths holding the outcome this agent is there to produce ("tests",
    // "deployment.healthy"): removed when it is entered, so an edge that reads one reads what
    // this visit produced, never an earlier round's result.
    QStringList produces;
    CodingAgentSettings coding; // coding_agent
    int maxTurns = 12;
    bool terminal = false;
    double x = 0;
    double y = 0;
};

struct EdgeDefinition
{
    QString from;
    QString to;
    Condition when;
};

struct GraphDefinition
{
    QString name;
    QString entry;
    int maxSteps = 200;
    int nudges =
        2; // replies without a tool call an agent is nudged past before the person is asked
    int roundTrips = 3; // hand-backs between two agents before the person is asked
    std::map<QString, ModelProfileRef> models;
    std::vector<AgentDefinition> agents;
    std::vector<EdgeDefinition> edges;
    // Prompt parts every agent shares ({{include rules.md}}), by name: stored with the version
    // so it never depends on files, and shown read-only beside each agent's own text.
    std::map<QString, QString> sharedPrompts;
    Json source; // the file as loaded, stored with each graph version

    const AgentDefinition* agent(const QString& id) const
    {
        for (const auto& a : agents)
            if (a.id == id)
                return &a;
        return nullptr;
    }
};

using GraphPtr = std::shared_ptr<const GraphDefinition>;

} // namespace orch
