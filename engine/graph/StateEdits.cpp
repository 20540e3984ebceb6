#include "graph/StateEdits.h"

#include <array>

namespace orch {

namespace {

// What the engine wrote from its own work: vault handles, the workspace's repository and the
// deployment. A fork that pointed them elsewhere could reach another project's secrets or files.
constexpr std::array kEngineOwned = {"resources", "repo", "deployment"};

Result<void> checkOne(const Json& state, const std::string& pointerText, const Json& value,
                      Json::json_pointer& pointer)
{
    const QString shown = toQ(pointerText.substr(0, 200));
    if (pointerText.size() > 512)
        return Error{QStringLiteral("the path %1… is too long").arg(shown), ErrorCode::Invalid};
    try {
        pointer = Json::json_pointer(pointerText);
    } catch (const Json::exception&) {
        return Error{QStringLiteral("\"%1\" is not a JSON pointer (like /spec/title)").arg(shown),
                     ErrorCode::Invalid};
    }
    if (pointer.empty())
        return Error{QStringLiteral("the whole state cannot be replaced; name a value in it"),
                     ErrorCode::Invalid};
    Json::json_pointer first = pointer;
    while (!first.parent_pointer().empty())
        first = first.parent_pointer();
    const std::string top = first.back();
    for (const char* owned : kEngineOwned)
        if (top == owned)
            return Error{QStringLiteral("\"%1\" is recorded by the engine and cannot be edited")
                             .arg(toQ(top)),
                         ErrorCode::Invalid};
    if (static_cast<qsizetype>(dumpJson(value).size()) > kMaxEditedValueBytes)
        return Error{QStringLiteral("the value for %1 is larger than %2 KB")
                         .arg(shown)
                         .arg(kMaxEditedValueBytes / 1024),
                     ErrorCode::Invalid};
    const Json::json_pointer parent = pointer.parent_pointer();
    if (!state.contains(parent))
        return Error{QStringLiteral("%1: the state has nothing at %2")
                         .arg(shown, toQ(parent.to_string().substr(0, 200))),
                     ErrorCode::Invalid};
    const Json& container = state.at(parent);
    if (container.is_array()) {
        const std::string& last = pointer.back();
        const bool digits = !last.empty() && last.size() < 10 &&
                            last.find_first_not_of("0123456789") == std::string::npos;
        if (!digits || std::stoul(last) >= container.size())
            return Error{QStringLiteral("%1: no such element in a list of %2")
                             .arg(shown)
                             .arg(container.size()),
                         ErrorCode::Invalid};
    } else if (!container.is_object()) {
        return Error{
            QStringLiteral("%1: its parent is a single value, not an object or a list").arg(shown),
            ErrorCode::Invalid};
    }
    return {};
}

} // namespace

Result<EditedState> applyStateEdits(const Json& state, const Json& edits)
{
    EditedState edited{state.is_object() ? state : Json::object(), {}};
    if (edits.is_null())
        return edited;
    if (!edits.is_object())
        return Error{QStringLiteral("the edits must be an object of paths to values"),
                     ErrorCode::Invalid};
    if (edits.size() > kMaxStateEdits)
        return Error{QStringLiteral("at most %1 values can be edited at once").arg(kMaxStateEdits),
                     ErrorCode::Invalid};
    for (const auto& [pointerText, value] : edits.items()) {
        Json::json_pointer pointer;
        if (auto checked = checkOne(edited.state, pointerText, value, pointer); !checked)
            return checked.failure();
        edited.state[pointer] = value;
        edited.paths << toQ(pointerText);
    }
    return edited;
}

} // namespace orch
