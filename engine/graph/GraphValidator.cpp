#include "graph/GraphValidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <set>

namespace orch {
namespace {

// Graphs saved by earlier versions name tools that were renamed or retired: the Tester's
// checks replaced http_probe, and the check sheet replaced the model's own record_probes.
QString currentToolName(const QString& name)
{
    if (name == QLatin1String("http_probe"))
        return QStringLiteral("check_http");
    if (name == QLatin1String("record_probes"))
        return {};
    return name;
}

// The engine's own keys of the project state: an agent's `produces` never clears them.
const QStringList kReservedStateKeys = {QStringLiteral("project"),      QStringLiteral("messages"),
                                        QStringLiteral("errors"),       QStringLiteral("question"),
                                        QStringLiteral("change"),       QStringLiteral("resources"),
                                        QStringLiteral("handoff_note"), QStringLiteral("repair"),
                                        QStringLiteral("forecast"),     QStringLiteral("coding")};

QString key(const QString& path, const char* name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}
QString index(const QString& path, size_t i)
{
    return QStringLiteral("%1[%2]").arg(path).arg(i);
}
const char* typeName(int type)
{
    static const char* names[] = {"a string",  "an integer", "a number",
                                  "a boolean", "an array",   "an object"};
    return names[type];
}

} // namespace

GraphValidator::GraphValidator(const QSet<QString>& knownTools, const QSet<QString>& builtinActions,
                               QString baseDir)
    : m_knownTools(knownTools), m_builtinActions(builtinActions), m_baseDir(std::move(baseDir))
{
}

void GraphValidator::fail(const QString& path, const QString& message)
{
    m_issues.push_back({path, message});
}

void GraphValidator::rejectUnknownKeys(const Json& object, const QString& path,
                                       std::initializer_list<const char*> allowed)
{
    for (auto it = object.begin(); it != object.end(); ++it) {
        const bool known = std::any_of(allowed.begin(), allowed.end(),
                                       [&](const char* k) { return it.key() == k; });
        if (!known)
            fail(key(path, it.key().c_str()), QStringLiteral("unknown key"));
    }
}

bool GraphValidator::expect(const Json& object, const char* name, Type type, const QString& path,
                            bool required)
{
    const auto it = object.find(name);
    if (it == object.end()) {
        if (required)
            fail(key(path, name), QStringLiteral("is required"));
        return false;
    }
    bool matches = false;
    switch (type) {
    case Type::String:
        matches = it->is_string();
        break;
    case Type::Integer:
        matches = it->is_number_integer();
        break;
    case Type::Number:
        matches = it->is_number();
        break;
    case Type::Boolean:
        matches = it->is_boolean();
        break;
    case Type::Array:
        matches = it->is_array();
        break;
    case Type::Object:
        matches = it->is_object();
        break;
    }
    if (!matches)
        fail(key(path, name), QStringLiteral("must be %1").arg(typeName(int(type))));
    return matches;
}

std::shared_ptr<GraphDefinition> GraphValidator::build(const Json& document)
{
    auto graph = std::make_shared<GraphDefinition>();
    const QString root = QStringLiteral("$");
    if (!document.is_object()) {
        fail(root, QStringLiteral("a graph must be a JSON object"));
        return graph;
    }
    rejectUnknownKeys(
        document, root,
        {"format", "name", "entry", "limits", "models", "agents", "edges", "shared_prompts"});
    if (expect(document, "format", Type::String, root, true) && document["format"] != kGraphFormat)
        fail(key(root, "format"), QStringLiteral("must be \"%1\"").arg(kGraphFormat));
    if (expect(document, "name", Type::String, root, true))
        graph->name = toQ(document["name"]);
    if (expect(document, "entry", Type::String, root, true))
        graph->entry = toQ(document["entry"]);
    if (expect(document, "limits", Type::Object, root, false)) {
        const Json& limits = document["limits"];
        const QString path = key(root, "limits");
        rejectUnknownKeys(limits, path, {"max_steps", "nudges", "round_trips"});
        auto readLimit = [&](const char* name, int& into, int least) {
            if (!expect(limits, name, Type::Integer, path, false))
                return;
            into = limits[name].get<int>();
            if (into < least)
                fail(key(path, name), QStringLiteral("must be at least %1").arg(least));
        };
        readLimit("max_steps", graph->maxSteps, 1);
        readLimit("nudges", graph->nudges, 0);
        readLimit("round_trips", graph->roundTrips, 1);
    }
    if (expect(document, "models", Type::Object, root, true))
        readModels(document["models"], *graph);
    if (expect(document, "shared_prompts", Type::Object, root, false))
        readSharedPrompts(document["shared_prompts"], key(root, "shared_prompts"), *graph);
    if (expect(document, "agents", Type::Array, root, true)) {
        const Json& agents = document["agents"];
        if (agents.empty())
            fail(key(root, "agents"), QStringLiteral("must list at least one agent"));
        for (size_t i = 0; i < agents.size(); ++i)
            readAgent(agents[i], index(key(root, "agents"), i), *graph);
    }
    if (expect(document, "edges", Type::Array, root, false)) {
        const Json& edges = document["edges"];
        for (size_t i = 0; i < edges.size(); ++i)
            readEdge(edges[i], index(key(root, "edges"), i), *graph);
    }
    checkReferences(document, *graph);
    return graph;
}

void GraphValidator::readModels(const Json& models, GraphDefinition& graph)
{
    const QString path = QStringLiteral("$.models");
    for (auto it = models.begin(); it != models.end(); ++it) {
        const QString profilePath = key(path, it.key().c_str());
        if (!it->is_object()) {
            fail(profilePath, QStringLiteral("must be an object"));
            continue;
        }
        rejectUnknownKeys(*it, profilePath,
                          {"provider", "model", "context_window", "max_output_tokens",
                           "temperature", "output_tokens_field", "reasoning_effort",
                           "empty_content"});
        ModelProfileRef profile;
        if (expect(*it, "provider", Type::String, profilePath, true)) {
            // A provider is named in the settings; whether it is configured is checked when
            // a run starts, so one graph works with different settings.
            profile.provider = toQ((*it)["provider"]);
            static const QRegularExpression kName(QStringLiteral("^[a-z0-9][a-z0-9_-]{0,39}$"));
            if (!kName.match(profile.provider).hasMatch())
                fail(key(profilePath, "provider"),
                     QStringLiteral("'%1' is not a provider name (lower-case letters, digits, "
                                    "- and _; e.g. openai, anthropic, openrouter, ollama)")
                         .arg(profile.provider));
        }
        if (expect(*it, "model", Type::String, profilePath, true))
            profile.model = toQ((*it)["model"]);
        if (expect(*it, "context_window", Type::Integer, profilePath, false)) {
            profile.contextWindow = (*it)["context_window"].get<int>();
            if (profile.contextWindow < 2048 || profile.contextWindow > 10'000'000)
                fail(key(profilePath, "context_window"),
                     QStringLiteral("must be between 2048 and 10000000 tokens"));
        }
        if (expect(*it, "max_output_tokens", Type::Integer, profilePath, false)) {
            profile.outputTokens = (*it)["max_output_tokens"].get<int>();
            if (profile.outputTokens < 256 || profile.outputTokens * 2 > profile.contextWindow)
                fail(key(profilePath, "max_output_tokens"),
                     QStringLiteral("must be at least 256 and at most half the context window"));
        }
        if (expect(*it, "temperature", Type::Boolean, profilePath, false))
            profile.sendTemperature = (*it)["temperature"].get<bool>();
        if (expect(*it, "output_tokens_field", Type::String, profilePath, false)) {
            profile.outputTokensField = toQ((*it)["output_tokens_field"]);
            if (profile.outputTokensField != QLatin1String("max_tokens") &&
                profile.outputTokensField != QLatin1String("max_completion_tokens"))
                fail(key(profilePath, "output_tokens_field"),
                     QStringLiteral("must be \"max_tokens\" or \"max_completion_tokens\""));
        }
        if (expect(*it, "reasoning_effort", Type::String, profilePath, false)) {
            profile.reasoningEffort = toQ((*it)["reasoning_effort"]);
            if (!QStringList{QStringLiteral("low"), QStringLiteral("medium"),
                             QStringLiteral("high")}
                     .contains(profile.reasoningEffort))
                fail(key(profilePath, "reasoning_effort"),
                     QStringLiteral("must be low, medium or high"));
        }
        if (expect(*it, "empty_content", Type::String, profilePath, false)) {
            const std::string mode = (*it)["empty_content"];
            profile.emptyContentAsString = mode == "empty_string";
            if (mode != "null" && mode != "empty_string")
                fail(key(profilePath, "empty_content"),
                     QStringLiteral("must be \"null\" or \"empty_string\""));
        }
        graph.models[toQ(it.key())] = profile;
    }
}

void GraphValidator::readAgent(const Json& json, const QString& path, GraphDefinition& graph)
{
    static const QRegularExpression idPattern(QStringLiteral("^[a-z][a-z0-9_-]*$"));
    if (!json.is_object()) {
        fail(path, QStringLiteral("an agent must be an object"));
        return;
    }
    rejectUnknownKeys(json, path,
                      {"id", "title", "kind", "action", "model", "temperature", "prompt", "tools",
                       "handoffs", "produces", "max_turns", "terminal", "ui", "coding"});
    AgentDefinition agent;
    if (expect(json, "id", Type::String, path, true)) {
        agent.id = toQ(json["id"]);
        if (!idPattern.match(agent.id).hasMatch())
            fail(key(path, "id"), QStringLiteral("'%1' must match [a-z][a-z0-9_-]*").arg(agent.id));
        else if (graph.agent(agent.id))
            fail(key(path, "id"), QStringLiteral("duplicate agent id '%1'").arg(agent.id));
    }
    agent.title = expect(json, "title", Type::String, path, false) ? toQ(json["title"]) : agent.id;
    if (expect(json, "kind", Type::String, path, false)) {
        agent.kind = toQ(json["kind"]);
        if (agent.kind != QLatin1String("llm") && agent.kind != QLatin1String("builtin") &&
            agent.kind != QLatin1String("coding_agent"))
            fail(key(path, "kind"),
                 QStringLiteral("must be \"llm\", \"builtin\" or \"coding_agent\""));
    }
    const bool isLlm = agent.kind == QLatin1String("llm");
    const bool isCoding = agent.kind == QLatin1String("coding_agent");
    if (isCoding)
        readCodingAgent(member(json, "coding"), key(path, "coding"), agent);
    else if (json.contains("coding"))
        fail(key(path, "coding"), QStringLiteral("only coding_agent nodes have one"));
    if (expect(json, "action", Type::String, path, !isLlm && !isCoding)) {
        agent.action = toQ(json["action"]);
        if (isLlm || isCoding)
            fail(key(path, "action"), QStringLiteral("only builtin agents have an action"));
        else if (!m_builtinActions.contains(agent.action))
            fail(key(path, "action"),
                 QStringLiteral("unknown builtin action '%1'").arg(agent.action));
    }
    if (expect(json, "model", Type::String, path, isLlm)) {
        agent.model = toQ(json["model"]);
        if (!graph.models.count(agent.model))
            fail(key(path, "model"),
                 QStringLiteral("unknown model profile '%1' (not in $.models)").arg(agent.model));
    }
    if (expect(json, "temperature", Type::Number, path, false)) {
        agent.temperature = json["temperature"].get<double>();
        if (agent.temperature < 0 || agent.temperature > 2)
            fail(key(path, "temperature"), QStringLiteral("must be between 0 and 2"));
    }
    if (json.contains("prompt"))
        agent.prompt = readPrompt(json["prompt"], key(path, "prompt"), graph, &agent.promptSource);
    else if (isLlm)
        fail(key(path, "prompt"), QStringLiteral("is required"));
    if (expect(json, "tools", Type::Array, path, false)) {
        const Json& tools = json["tools"];
        for (size_t i = 0; i < tools.size(); ++i) {
            const QString toolPath = index(key(path, "tools"), i);
            if (!tools[i].is_string()) {
                fail(toolPath, QStringLiteral("must be a string"));
                continue;
            }
            const QString name = currentToolName(toQ(tools[i]));
            if (name.isEmpty())
                continue; // a retired tool whose work the engine now does itself
            if (agent.tools.contains(name))
                continue;
            if (!m_knownTools.contains(name))
                fail(toolPath, QStringLiteral("unknown tool '%1'").arg(name));
            agent.tools << name;
        }
    }
    if (isCoding && !agent.tools.isEmpty())
        fail(key(path, "tools"), QStringLiteral("a coding agent uses its own tools; give it none"));
    if (expect(json, "handoffs", Type::Array, path, false)) {
        const Json& handoffs = json["handoffs"];
        for (size_t i = 0; i < handoffs.size(); ++i) {
            if (handoffs[i].is_string())
                agent.handoffs << toQ(handoffs[i]);
            else
                fail(index(key(path, "handoffs"), i), QStringLiteral("must be a string"));
        }
    }
    if (expect(json, "produces", Type::Array, path, false)) {
        const Json& produces = json["produces"];
        for (size_t i = 0; i < produces.size(); ++i) {
            const QString itemPath = index(key(path, "produces"), i);
            const auto parsed = produces[i].is_string() ? Condition::parse(toQ(produces[i]))
                                                        : Result<Condition>(Error{QString()});
            // A state path: what a condition reads, never "always" or a negation.
            if (!parsed || produces[i] == "always" || toQ(produces[i]).startsWith('!'))
                fail(itemPath, QStringLiteral("must be a state path such as \"tests\" or "
                                              "\"deployment.healthy\""));
            else if (kReservedStateKeys.contains(toQ(produces[i]).section('.', 0, 0)))
                fail(itemPath, QStringLiteral("'%1' is kept by the engine and cannot be cleared")
                                   .arg(toQ(produces[i])));
            else
                agent.produces << toQ(produces[i]);
        }
    }
    if (expect(json, "max_turns", Type::Integer, path, false)) {
        agent.maxTurns = json["max_turns"].get<int>();
        if (agent.maxTurns < 1)
            fail(key(path, "max_turns"), QStringLiteral("must be at least 1"));
    }
    if (expect(json, "terminal", Type::Boolean, path, false))
        agent.terminal = json["terminal"].get<bool>();
    if (expect(json, "ui", Type::Object, path, false)) {
        const Json& ui = json["ui"];
        const QString uiPath = key(path, "ui");
        rejectUnknownKeys(ui, uiPath, {"x", "y"});
        if (expect(ui, "x", Type::Number, uiPath, false))
            agent.x = ui["x"].get<double>();
        if (expect(ui, "y", Type::Number, uiPath, false))
            agent.y = ui["y"].get<double>();
    }
    graph.agents.push_back(std::move(agent));
}

void GraphValidator::readEdge(const Json& json, const QString& path, GraphDefinition& graph)
{
    if (!json.is_object()) {
        fail(path, QStringLiteral("an edge must be an object"));
        return;
    }
    rejectUnknownKeys(json, path, {"from", "to", "when"});
    EdgeDefinition edge;
    if (expect(json, "from", Type::String, path, true))
        edge.from = toQ(json["from"]);
    if (expect(json, "to", Type::String, path, true))
        edge.to = toQ(json["to"]);
    if (expect(json, "when", Type::String, path, false)) {
        auto condition = Condition::parse(toQ(json["when"]));
        if (condition)
            edge.when = condition.value();
        else
            fail(key(path, "when"), condition.error());
    }
    graph.edges.push_back(edge);
}

void GraphValidator::checkReferences(const Json& document, const GraphDefinition& graph)
{
    if (!graph.entry.isEmpty() && !graph.agent(graph.entry) && document.contains("agents"))
        fail(QStringLiteral("$.entry"), QStringLiteral("unknown agent '%1'").arg(graph.entry));
    for (size_t i = 0; i < graph.agents.size(); ++i) {
        const auto& handoffs = graph.agents[i].handoffs;
        for (int h = 0; h < handoffs.size(); ++h)
            if (!graph.agent(handoffs[h]))
                fail(QStringLiteral("$.agents[%1].handoffs[%2]").arg(i).arg(h),
                     QStringLiteral("unknown agent '%1'").arg(handoffs[h]));
    }
    for (size_t i = 0; i < graph.edges.size(); ++i) {
        const auto& edge = graph.edges[i];
        if (!edge.from.isEmpty() && !graph.agent(edge.from))
            fail(QStringLiteral("$.edges[%1].from").arg(i),
                 QStringLiteral("unknown agent '%1'").arg(edge.from));
        if (!edge.to.isEmpty() && !graph.agent(edge.to))
            fail(QStringLiteral("$.edges[%1].to").arg(i),
                 QStringLiteral("unknown agent '%1'").arg(edge.to));
    }
}

} // namespace orch
