#pragma once
// A scripted model that plays every agent of the bundled graph from the requests it receives,
// the way a mid-grade real model does: it tells who it is from the tools it is offered, reads
// the project state, its own earlier calls and their results from the conversation, and
// decides the next move. Nothing is recorded; switches add the flaws real models have.

#include "FakeLlmServer.h"

#include <QMutex>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace orch::test {

// What the model "knows how to write" for one project: its spec, the template and files, the
// bug its first version has, the checks the Tester runs and the resources Zavhoz attaches.
struct ProjectKit
{
    std::string description;
    Json spec; // write_spec's arguments
    std::string templateName;
    std::map<std::string, std::string> files; // path → the correct content
    struct Bug
    {
        std::string file, right, wrong; // the first version has `wrong` where `right` belongs
    } bug;
    Bug deployBug; // DeployBug: the first version fails only when deployed (its deploy.json)
    std::vector<Json> checks;      // {"tool": name, "arguments": {...}}, in order
    Json wrongCheck;               // the first check as a sloppy model writes it
    std::vector<Json> zavhozCalls; // {"name", "arguments"} before Zavhoz hands off
};

enum Flaw : unsigned
{
    ProseFirst = 1u << 0,         // every visit of every agent opens with words, no tool call
    MiscopiedEdit = 1u << 1,      // the fix's first edit has the wrong indentation
    BuggyCode = 1u << 2,          // the first version has a bug its own tests catch
    WrongCheck = 1u << 3,         // the Tester's first check expects the wrong thing
    TwoCalls = 1u << 4,           // calls that depend on each other sent at once
    HalfRememberedTool = 1u << 5, // a tool name misremembered once (run_test)
    CutReply = 1u << 6,           // a reply cut at the output cap mid-arguments
    WrongLanguage = 1u << 7,      // its words and notes in Russian
    DeployBug = 1u << 8,          // a bug no unit test sees: the first release does not start
};

inline constexpr unsigned kEveryFlaw = ProseFirst | MiscopiedEdit | BuggyCode | WrongCheck |
                                       TwoCalls | HalfRememberedTool | CutReply | WrongLanguage;

class RealisticModel
{
public:
    RealisticModel(ProjectKit kit, unsigned flaws);

    FakeLlmServer::Handler handler();
    FakeReply reply(const Json& request);

    int calls() const;
    std::map<std::string, int> callsPerAgent() const;
    static std::string roleOf(const Json& request); // from the tools offered

private:
    struct Shared
    {
        mutable QMutex mutex;
        std::map<std::string, int> calls;
    };
    ProjectKit m_kit;
    unsigned m_flaws;
    std::shared_ptr<Shared> m_shared = std::make_shared<Shared>();
};

// The three kinds of project the scenarios build.
ProjectKit httpServiceKit(); // a shopping list: query parameters, a JSON body, 400s
ProjectKit telegramBotKit(const std::string& tokenHandle);
ProjectKit workerKit();

} // namespace orch::test
