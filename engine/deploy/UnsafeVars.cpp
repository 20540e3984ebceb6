#include "deploy/UnsafeVars.h"

namespace orch {
namespace {

// A JSON string literal is a valid YAML double-quoted scalar (its escapes are YAML's too).
std::string quoted(const std::string& text)
{
    return Json(text).dump(-1, ' ', false, Json::error_handler_t::replace);
}

void write(const Json& value, std::string& out)
{
    switch (value.type()) {
    case Json::value_t::object: {
        out += '{';
        bool first = true;
        for (auto it = value.begin(); it != value.end(); ++it) {
            out += first ? "" : ", ";
            first = false;
            out += quoted(it.key()) + ": ";
            write(it.value(), out);
        }
        out += '}';
        break;
    }
    case Json::value_t::array: {
        out += '[';
        for (size_t i = 0; i < value.size(); ++i) {
            out += i ? ", " : "";
            write(value[i], out);
        }
        out += ']';
        break;
    }
    case Json::value_t::string:
        out += "!unsafe " + quoted(value.get<std::string>());
        break;
    default: // numbers, booleans, null: JSON's spelling is YAML's
        out += value.dump();
    }
}

} // namespace

QByteArray unsafeYamlVars(const Json& vars)
{
    std::string out;
    write(vars, out);
    out += '\n';
    return QByteArray::fromStdString(out);
}

} // namespace orch
