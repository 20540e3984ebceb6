#include "ModelConversation.h"

#include <QByteArray>
#include <map>

namespace orch::test {

View readConversation(const Json& request)
{
    View view;
    std::map<std::string, size_t> byId;
    bool first = true;
    for (const Json& message : arrayAt(request, "messages")) {
        const std::string role = stringOr(message, "role");
        const std::string content = message.contains("content") && message["content"].is_string()
                                        ? message["content"].get<std::string>()
                                        : std::string();
        if (role == "user") {
            if (first) {
                const auto at = content.find("Current project state (JSON):\n");
                if (at != std::string::npos) {
                    const Json state =
                        parseJson(QByteArray::fromStdString(content.substr(at + 30)));
                    if (state.is_object())
                        view.state = state;
                }
                first = false;
            }
            view.lastUser = content;
        } else if (role == "assistant") {
            view.replies += 1;
            view.lastUser.clear();
            for (const Json& call : arrayAt(message, "tool_calls")) {
                Seen seen;
                seen.name = stringOr(objectAt(call, "function"), "name");
                seen.arguments = parseJson(
                    QByteArray::fromStdString(stringOr(objectAt(call, "function"), "arguments")));
                byId[stringOr(call, "id")] = view.calls.size();
                view.calls.push_back(std::move(seen));
            }
        } else if (role == "tool") {
            auto found = byId.find(stringOr(message, "tool_call_id"));
            if (found == byId.end())
                continue;
            Seen& seen = view.calls[found->second];
            seen.result = parseJson(QByteArray::fromStdString(content));
            // A command that ran and failed says so by its exit code alone.
            seen.ok = seen.result.is_object() && !seen.result.contains("error") &&
                      !seen.result.contains("deploy_failed") &&
                      intOr(seen.result, "exit_code", 0) == 0;
        }
    }
    return view;
}

} // namespace orch::test
