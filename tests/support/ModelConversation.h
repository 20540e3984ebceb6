#pragma once
// What a model reads from a chat request (OpenAI protocol): the project state it was handed in
// its first message, its own replies and calls so far with their results, and what it was
// told last. The realistic model decides its next move from this alone.

#include "core/Json.h"

#include <string>
#include <vector>

namespace orch::test {

// One call the model made in this visit, with what came back.
struct Seen
{
    std::string name;
    Json arguments;
    Json result; // parsed; null until answered
    bool ok = false;
};

// What the model reads from a request: the state it was handed, its replies and calls so far,
// and what it was told last.
struct View
{
    Json state = Json::object();
    int replies = 0;
    std::vector<Seen> calls;
    std::string lastUser; // the newest user message (a nudge, the person's words)

    const Seen* last(const std::string& name) const
    {
        for (auto it = calls.rbegin(); it != calls.rend(); ++it)
            if (it->name == name)
                return &*it;
        return nullptr;
    }
    int lastIndex(const std::string& name) const
    {
        for (int i = int(calls.size()) - 1; i >= 0; --i)
            if (calls[size_t(i)].name == name)
                return i;
        return -1;
    }
    int lastOkIndex(const std::string& name) const
    {
        for (int i = int(calls.size()) - 1; i >= 0; --i)
            if (calls[size_t(i)].name == name && calls[size_t(i)].ok)
                return i;
        return -1;
    }
    bool saidAnywhere(const std::string& text) const
    {
        for (const Seen& call : calls)
            if (dumpJson(call.result).find(text) != std::string::npos)
                return true;
        return false;
    }
};

View readConversation(const Json& request);

} // namespace orch::test
