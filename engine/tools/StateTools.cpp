#include "tools/StateTools.h"

#include "graph/GraphDefinition.h"
#include "tools/Arguments.h"
#include "workspace/GitRepository.h"

namespace orch {
namespace {

// A final agent that deploys finishes only with its work live: the healthy release is the
// workspace's HEAD, unless the person rejected the deploy. Else what stands in the way.
QString undeployedWork(const ToolContext& context)
{
    if (!context.agent.tools.contains(QStringLiteral("deploy")))
        return {};
    const Json approval = member(objectAt(context.state, "approvals"), "deploy");
    if (approval.is_boolean() && !approval.get<bool>())
        return {};
    const Json deployment = objectAt(context.state, "deployment");
    const Json healthy = member(deployment, "healthy");
    if (!healthy.is_boolean() || !healthy.get<bool>()) {
        const QString reason = toQ(stringOr(deployment, "reason")).left(600);
        return reason.isEmpty()
                   ? QStringLiteral("nothing is deployed yet: call `deploy` first")
                   : QStringLiteral("the last deploy failed (%1): fix the cause and deploy "
                                    "again, or ask the person with `ask_human` if only they can")
                         .arg(reason);
    }
    auto repository = GitRepository::open(context.workspace, false);
    auto head = repository ? repository.value()->headSha() : Result<QString>(repository.failure());
    const QString running = toQ(stringOr(deployment, "running"));
    if (head && !running.isEmpty() && head.value() != running)
        return QStringLiteral("the code changed since the last deploy (HEAD is %1, %2 runs): "
                              "deploy it")
            .arg(head->left(12), running.left(12));
    return {};
}

} // namespace

ToolSpec HandoffTool::spec() const
{
    return {"handoff",
            "Hand the work to another agent. Use it when your part is done or another agent "
            "must act. 'to' must be one of the agents you are allowed to hand off to.",
            {{"type", "object"},
             {"properties",
              {{"to", {{"type", "string"}, {"description", "id of the next agent"}}},
               {"note", {{"type", "string"}, {"description", "what the next agent should know"}}}}},
             {"required", {"to"}}}};
}

void HandoffTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto target = args.requiredString("to");
    if (!target)
        return done(ToolResult::failure(target.error()));
    if (!context.agent.handoffs.contains(target.value()))
        return done(ToolResult::failure(
            QStringLiteral("'%1' is not an agent you can hand off to; allowed: %2")
                .arg(target.value(), context.agent.handoffs.join(QStringLiteral(", ")))));
    ToolResult result = ToolResult::success({{"handoff", toStd(target.value())}});
    result.handoffTo = target.value();
    const QString note = args.optionalString("note");
    if (!note.isEmpty())
        result.stateUpdate["handoff_note"] = toStd(note);
    done(std::move(result));
}

ToolSpec FinishTool::spec() const
{
    return {"finish",
            "Declare your part of the work done and end the run's work with a short summary. "
            "Call it only when everything you were asked to do is written and saved.",
            {{"type", "object"},
             {"properties",
              {{"summary", argument("string", "what was done, in one or two sentences, in the "
                                              "person's language")}}},
             {"required", {"summary"}}}};
}

void FinishTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto summary = args.requiredString("summary");
    if (!summary)
        return done(ToolResult::failure(summary.error()));
    if (!context.agent.terminal)
        return done(ToolResult::failure(
            QStringLiteral("only a final agent can finish the run; hand off with `handoff` to "
                           "one of: %1")
                .arg(context.agent.handoffs.join(QStringLiteral(", ")))));
    if (const QString problem = undeployedWork(context); !problem.isEmpty())
        return done(ToolResult::failure(QStringLiteral("not finished: %1").arg(problem)));
    ToolResult result = ToolResult::success({{"finished", true}});
    result.finishes = true;
    result.stateUpdate["summary"] = toStd(summary.value());
    done(std::move(result));
}

ToolSpec AskHumanTool::spec() const
{
    return {
        "ask_human",
        "Ask the person a question and wait for the answer (clarifications, approval). "
        "Give 'options' when the answer is a choice.",
        {{"type", "object"},
         {"properties",
          {{"question", argument("string", "the question, short and in the person's language")},
           {"options", argument("array", "the answers to choose from, when the answer is a choice",
                                {{"items", {{"type", "string"}}}})}}},
         {"required", {"question"}}}};
}

void AskHumanTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto question = args.requiredString("question");
    if (!question)
        return done(ToolResult::failure(question.error()));
    auto options = args.optionalStringList("options");
    if (!options)
        return done(ToolResult::failure(options.error()));
    Json pending = {{"agent", toStd(context.agent.id)},
                    {"text", toStd(question.value())},
                    {"options", Json::array()}};
    for (const QString& option : options.value())
        pending["options"].push_back(toStd(option));
    ToolResult result = ToolResult::success({{"asked", true}});
    result.question = pending;
    result.stateUpdate["question"] = pending;
    done(std::move(result));
}

StateWriterTool::StateWriterTool(std::string name, std::string description, std::string stateKey,
                                 Json schema)
    : m_name(std::move(name)), m_description(std::move(description)),
      m_stateKey(std::move(stateKey)), m_schema(std::move(schema))
{
}

std::vector<std::unique_ptr<Tool>> StateWriterTool::standardSet()
{
    auto object = [](Json properties, std::vector<std::string> required) {
        return Json{{"type", "object"},
                    {"properties", std::move(properties)},
                    {"required", std::move(required)}};
    };
    const auto text = [](const char* description) { return argument("string", description); };
    const auto list = [](const char* description) {
        return argument("array", description, {{"items", {{"type", "string"}}}});
    };
    std::vector<std::unique_ptr<Tool>> tools;
    tools.push_back(std::make_unique<StateWriterTool>(
        "write_spec", "Record the agreed project specification.", "spec",
        object({{"title", text("the project's short title")},
                {"summary", text("two or three sentences on what it does")},
                {"requirements", list("concrete behaviours, one per item")},
                {"acceptance", list("checks a tester can run, one per item")}},
               {"title", "summary"})));
    tools.push_back(std::make_unique<StateWriterTool>(
        "write_plan", "Record the implementation plan: template, modules and steps.", "plan",
        object({{"template", text("the template to scaffold from")},
                {"modules", list("the modules to write")},
                {"steps", list("the implementation steps in order")}},
               {"steps"})));
    tools.push_back(std::make_unique<StateWriterTool>(
        "record_tests", "Record the outcome of the tests with evidence.", "tests",
        object({{"passed", argument("boolean", "true only if every test passed")},
                {"summary", text("what ran and the evidence (counts, failures)")}},
               {"passed", "summary"})));
    tools.push_back(std::make_unique<StateWriterTool>(
        "write_report", "Record the run report as Markdown.", "report",
        object({{"markdown", text("the whole report as Markdown")}}, {"markdown"})));
    return tools;
}

ToolSpec StateWriterTool::spec() const
{
    return {m_name, m_description, m_schema};
}

void StateWriterTool::invoke(const Json& arguments, const ToolContext&, ToolDone done)
{
    for (const auto& field : m_schema["required"]) {
        const std::string name = field.get<std::string>();
        if (!arguments.contains(name) || arguments[name].is_null())
            return done(
                ToolResult::failure(QStringLiteral("missing argument '%1'").arg(toQ(name))));
    }
    for (auto it = arguments.begin(); it != arguments.end(); ++it) {
        if (!m_schema["properties"].contains(it.key()))
            return done(
                ToolResult::failure(QStringLiteral("unknown argument '%1'").arg(toQ(it.key()))));
        const std::string type = m_schema["properties"][it.key()]["type"];
        const bool matches = (type == "string" && it->is_string()) ||
                             (type == "boolean" && it->is_boolean()) ||
                             (type == "array" && it->is_array());
        if (!matches)
            return done(ToolResult::failure(
                QStringLiteral("argument '%1' must be of type %2").arg(toQ(it.key()), toQ(type))));
    }
    ToolResult result = ToolResult::success({{"recorded", m_stateKey}});
    result.stateUpdate[m_stateKey] = arguments;
    done(std::move(result));
}

} // namespace orch
