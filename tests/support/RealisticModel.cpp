#include "RealisticModel.h"

#include "ModelConversation.h"

#include <QMutexLocker>
#include <optional>

namespace orch::test {
namespace {

struct Move
{
    std::string text;
    std::vector<std::pair<std::string, Json>> calls;
    bool cut = false; // the reply stops at the output cap in the middle of the first call
};

Move say(std::string text)
{
    return {std::move(text), {}};
}
Move act(std::string text, std::vector<std::pair<std::string, Json>> calls)
{
    return {std::move(text), std::move(calls)};
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    if (at != std::string::npos)
        text.replace(at, from.size(), to);
    return text;
}

class Player
{
public:
    Player(const ProjectKit& kit, unsigned flaws, const View& view)
        : m_kit(kit), m_flaws(flaws), m_view(view)
    {
    }

    Move play(const std::string& role)
    {
        // Prose first: what a model says before it remembers it has tools.
        if ((m_flaws & ProseFirst) && m_view.replies == 0)
            return say(
                words("I'll start by looking at where the project stands, then do my part.",
                      "Сначала посмотрю, в каком состоянии проект, потом сделаю свою часть."));
        if (role == "brainstorm")
            return brainstorm();
        if (role == "architect")
            return architect();
        if (role == "zavhoz")
            return zavhoz();
        if (role == "developer")
            return developer();
        if (role == "devops")
            return devops();
        if (role == "tester")
            return tester();
        if (role == "documentator")
            return documentator();
        return say("Summary of the work so far: the agents have followed the plan.");
    }

private:
    bool has(Flaw flaw) const { return m_flaws & flaw; }
    std::string words(const std::string& english, const std::string& russian) const
    {
        return has(WrongLanguage) ? russian : english;
    }

    Move brainstorm()
    {
        if (!m_view.last("write_spec") || !m_view.last("write_spec")->ok) {
            if (has(TwoCalls))
                return act("", {{"write_spec", m_kit.spec},
                                {"handoff",
                                 {{"to", "architect"},
                                  {"note", words("Spec written.", "Спека готова.")}}}});
            return act("", {{"write_spec", m_kit.spec}});
        }
        return act("", {{"handoff",
                         {{"to", "architect"},
                          {"note", words("The spec is written.", "Спецификация записана.")}}}});
    }

    Move architect()
    {
        if (!m_view.last("scaffold") || !m_view.last("write_plan"))
            return act("", {{"scaffold",
                             {{"template", m_kit.templateName},
                              {"project_name", stringOr(m_kit.spec, "title")}}},
                            {"write_plan",
                             {{"template", m_kit.templateName},
                              {"modules", Json::array({"the project's module"})},
                              {"steps", Json::array({"write the module and its tests",
                                                     "run the tests", "commit"})}}}});
        return act(
            "",
            {{"handoff",
              {{"to", "zavhoz"},
               {"note", words("Scaffolded and planned.", "Шаблон развёрнут, план записан.")}}}});
    }

    Move zavhoz()
    {
        for (const Json& call : m_kit.zavhozCalls)
            if (!m_view.last(stringOr(call, "name")))
                return act("", {{stringOr(call, "name"), call["arguments"]}});
        return act("", {{"handoff",
                         {{"to", "developer"},
                          {"note", words("Resources are in place.", "Ресурсы на месте.")}}}});
    }

    // Writes the files (the first version with its bug), runs the tests, fixes what they
    // catch, commits and pushes, then says it is done (the edge takes it to DevOps).
    Move developer()
    {
        const bool committedBefore =
            !stringOr(objectAt(m_view.state, "repo"), "last_commit").empty();
        const int written = m_view.lastIndex("write_file");
        if (!committedBefore && (written < 0 || !m_view.calls[size_t(written)].ok)) {
            std::vector<std::pair<std::string, Json>> writes;
            for (const auto& [path, content] : m_kit.files) {
                std::string text = content;
                if (has(BuggyCode) && path == m_kit.bug.file)
                    text = replaced(text, m_kit.bug.right, m_kit.bug.wrong);
                if (has(DeployBug) && path == m_kit.deployBug.file)
                    text = replaced(text, m_kit.deployBug.right, m_kit.deployBug.wrong);
                writes.push_back({"write_file", {{"path", path}, {"content", text}}});
            }
            Move move = act(words("Writing the code and its tests.", "Пишу код и тесты."), writes);
            move.cut = has(CutReply) && !m_view.saidAnywhere("cut off at the output limit");
            return move;
        }
        // Sent back by a deploy that failed in the code: the evidence names the fix.
        const Json& failure = objectAt(m_view.state, "failure");
        if (committedBefore && has(DeployBug) && stringOr(failure, "class") == "code" &&
            stringOr(failure, "tool") == "deploy" && m_view.lastOkIndex("edit_file") < 0)
            return act(words("The release does not start; fixing its entry.",
                             "Релиз не запускается, исправляю точку входа."),
                       {{"edit_file",
                         {{"path", m_kit.deployBug.file},
                          {"old_text", m_kit.deployBug.wrong},
                          {"new_text", m_kit.deployBug.right}}}});
        const int tested = m_view.lastIndex("run_tests");
        const int edited = std::max(m_view.lastOkIndex("edit_file"), written);
        if (tested < edited || tested < 0) {
            if (has(HalfRememberedTool) && !m_view.last("run_test"))
                return act("", {{"run_test", Json::object()}});
            if (has(TwoCalls))
                return act("", {{"run_tests", Json::object()},
                                {"git_commit", {{"message", "First version with tests"}}}});
            return act("", {{"run_tests", Json::object()}});
        }
        if (!m_view.calls[size_t(tested)].ok) {
            // The traceback names the bug; the fix goes in with an exact edit.
            const Seen* edit = m_view.last("edit_file");
            const bool miscopy = has(MiscopiedEdit) && (!edit || edit->ok);
            const std::string old = miscopy ? "\t" + m_kit.bug.wrong : m_kit.bug.wrong;
            return act(
                words("The tests caught a bug; fixing it.", "Тесты нашли ошибку, чиню."),
                {{"edit_file",
                  {{"path", m_kit.bug.file}, {"old_text", old}, {"new_text", m_kit.bug.right}}}});
        }
        const int committed = m_view.lastIndex("git_commit");
        if (committed < tested)
            return act("", {{"git_commit", {{"message", "Implement the project with tests"}}},
                            {"git_push", Json::object()}});
        return say(words("Implemented, tested and pushed; ready to deploy.",
                         "Сделано, протестировано и запушено; можно выкатывать."));
    }

    Move devops()
    {
        const Seen* deploy = m_view.last("deploy");
        // The person dealt with what failed and asks for another try.
        const bool askedAgain = m_view.lastUser.find("try again") != std::string::npos ||
                                (deploy && deploy->result.contains("answer"));
        if ((!deploy || askedAgain) && has(TwoCalls)) // hands on before it saw the result
            return act(words("Deploying.", "Выкатываю."),
                       {{"deploy", Json::object()},
                        {"handoff", {{"to", "tester"}, {"note", "Deployed."}}}});
        if (!deploy || askedAgain)
            return act(words("Deploying.", "Выкатываю."), {{"deploy", Json::object()}});
        if (deploy->ok)
            return say(words("Deployed; the health check passes.",
                             "Выкачено, проверка здоровья проходит."));
        if (m_view.lastIndex("read_service_log") < m_view.lastIndex("deploy"))
            return act("", {{"read_service_log", {{"lines", 40}}}});
        return say(
            words("The deploy failed: " + stringOr(deploy->result, "error").substr(0, 300) +
                      ". The developer should look at it.",
                  "Выкатка не удалась: " + stringOr(deploy->result, "error").substr(0, 300)));
    }

    Move tester()
    {
        std::vector<std::pair<std::string, Json>> pending;
        bool first = true;
        for (const Json& check : m_kit.checks) {
            const std::string id = stringOr(check["arguments"], "id");
            bool passed = false, tried = false, correctTried = false;
            for (const Seen& call : m_view.calls)
                if (stringOr(call.arguments, "id") == id) {
                    tried = true;
                    passed = passed || boolOr(call.result, "passed", false);
                    correctTried = correctTried || call.arguments == check["arguments"];
                }
            if (passed) {
                first = false;
                continue;
            }
            if (tried && correctTried) // the service is wrong: the work goes back
                return say(words("Check " + id +
                                     " fails against the service: it is the service's "
                                     "fault, not my expectation.",
                                 "Проверка " + id + " не проходит: ошибка в сервисе."));
            const bool sloppy = first && has(WrongCheck) && !tried && m_kit.wrongCheck.is_object();
            const Json& chosen = sloppy ? m_kit.wrongCheck : check;
            pending.push_back({stringOr(chosen, "tool"), chosen["arguments"]});
            first = false;
            if (pending.size() == (has(TwoCalls) ? 2u : 1u) || sloppy)
                break;
        }
        if (!pending.empty())
            return act("", pending);
        return say(words("Every acceptance check passes.", "Все проверки приёмки проходят."));
    }

    Move documentator()
    {
        if (!m_view.last("write_report"))
            return act("", {{"write_report",
                             {{"markdown", words("The project was built, deployed and checked.",
                                                 "Проект собран, выкачен и проверен.")}}}});
        return act("", {{"finish", {{"summary", "Done."}}}});
    }

    const ProjectKit& m_kit;
    unsigned m_flaws;
    const View& m_view;
};

FakeReply encode(const Move& move, int turn)
{
    if (move.calls.empty())
        return FakeReply::openAiText(move.text.empty() ? "…" : move.text);
    std::vector<ToolCall> calls;
    for (size_t i = 0; i < move.calls.size(); ++i)
        calls.push_back({"c" + std::to_string(turn) + "_" + std::to_string(i), move.calls[i].first,
                         dumpJson(move.calls[i].second)});
    if (!move.cut)
        return FakeReply::openAiToolCalls(calls, move.text);
    // The output cap falls inside the first call's arguments: the rest never arrives.
    Json body = parseJson(FakeReply::openAiToolCalls({calls.front()}, move.text).body);
    Json& call = body["choices"][0]["message"]["tool_calls"][0]["function"];
    const std::string whole = call["arguments"];
    call["arguments"] = whole.substr(0, whole.size() / 2);
    body["choices"][0]["finish_reason"] = "length";
    return FakeReply::raw(200, toBytes(body));
}

} // namespace

RealisticModel::RealisticModel(ProjectKit kit, unsigned flaws)
    : m_kit(std::move(kit)), m_flaws(flaws)
{
}

std::string RealisticModel::roleOf(const Json& request)
{
    std::vector<std::string> names;
    for (const Json& tool : arrayAt(request, "tools"))
        names.push_back(stringOr(objectAt(tool, "function"), "name"));
    auto offered = [&](const char* name) {
        return std::find(names.begin(), names.end(), name) != names.end();
    };
    for (const auto& [tool, role] :
         std::vector<std::pair<const char*, const char*>>{{"write_spec", "brainstorm"},
                                                          {"write_plan", "architect"},
                                                          {"attach_secret", "zavhoz"},
                                                          {"deploy", "devops"},
                                                          {"check_http", "tester"},
                                                          {"write_report", "documentator"},
                                                          {"edit_file", "developer"}})
        if (offered(tool))
            return role;
    return "summarizer"; // a condensing request offers no tools
}

FakeReply RealisticModel::reply(const Json& request)
{
    const std::string role = roleOf(request);
    {
        QMutexLocker lock(&m_shared->mutex);
        m_shared->calls[role] += 1;
    }
    const View view = readConversation(request);
    const Move move = Player(m_kit, m_flaws, view).play(role);
    return encode(move, view.replies);
}

FakeLlmServer::Handler RealisticModel::handler()
{
    return [this](const RecordedRequest& request) { return reply(request.json()); };
}

int RealisticModel::calls() const
{
    QMutexLocker lock(&m_shared->mutex);
    int total = 0;
    for (const auto& [role, count] : m_shared->calls)
        total += count;
    return total;
}

std::map<std::string, int> RealisticModel::callsPerAgent() const
{
    QMutexLocker lock(&m_shared->mutex);
    return m_shared->calls;
}

} // namespace orch::test
