// Compact JSON text, byte for byte what nlohmann's dump(-1, ' ', false, replace) writes, in
// about half its time: a step writes a dozen values (events, checkpoint, request), and most
// of their text is ASCII, which nlohmann decodes byte by byte as UTF-8. ASCII strings are
// copied here in runs between the characters to escape; any other string (UTF-8 to check),
// and every float, is written by nlohmann.
#include "core/Json.h"
#include "core/JsonBytes.h"

#include <charconv>

namespace orch {
namespace {

// The first byte at or after `from` that is not printable ASCII with nothing to escape (a
// quote, a backslash, a control below 0x20, or a byte of UTF-8), or text.size().
size_t nextSpecial(const std::string& text, size_t from)
{
    return jsonbytes::plainRunEnd(text.data(), from, text.size());
}

// An ASCII string as nlohmann escapes it (quote, backslash and the controls below 0x20), in
// one pass; false, with nothing appended, at the first byte that is not ASCII.
bool appendEscapedAscii(std::string& out, const std::string& text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    const size_t start = out.size();
    out += '"';
    size_t plain = 0; // the start of the run not yet copied
    for (size_t i = nextSpecial(text, 0); i < text.size(); i = nextSpecial(text, i + 1)) {
        const auto byte = static_cast<unsigned char>(text[i]);
        if (byte >= 0x80) {
            out.resize(start);
            return false;
        }
        out.append(text, plain, i - plain);
        plain = i + 1;
        switch (byte) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            out += "\\u00";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xf];
        }
    }
    out.append(text, plain, std::string::npos);
    out += '"';
    return true;
}

class CompactWriter
{
public:
    explicit CompactWriter(std::string& out) : m_out(out) {}

    void write(const Json& value)
    {
        switch (value.type()) {
        case Json::value_t::null:
            m_out += "null";
            return;
        case Json::value_t::boolean:
            m_out += value.get_ref<const Json::boolean_t&>() ? "true" : "false";
            return;
        case Json::value_t::number_integer:
            return number(value.get_ref<const Json::number_integer_t&>());
        case Json::value_t::number_unsigned:
            return number(value.get_ref<const Json::number_unsigned_t&>());
        case Json::value_t::string:
            return string(value.get_ref<const Json::string_t&>(), value);
        case Json::value_t::array: {
            m_out += '[';
            bool first = true;
            for (const Json& element : value.get_ref<const Json::array_t&>()) {
                if (!first)
                    m_out += ',';
                first = false;
                write(element);
            }
            m_out += ']';
            return;
        }
        case Json::value_t::object: {
            m_out += '{';
            bool first = true;
            for (const auto& [key, element] : value.get_ref<const Json::object_t&>()) {
                if (!first)
                    m_out += ',';
                first = false;
                if (!appendEscapedAscii(m_out, key))
                    byNlohmann(Json(key));
                m_out += ':';
                write(element);
            }
            m_out += '}';
            return;
        }
        default: // floats, binary, discarded
            return byNlohmann(value);
        }
    }

private:
    template <typename Integer> void number(Integer n)
    {
        char digits[24];
        const auto end = std::to_chars(digits, digits + sizeof digits, n).ptr;
        m_out.append(digits, end);
    }
    void string(const std::string& text, const Json& value)
    {
        if (!appendEscapedAscii(m_out, text)) // UTF-8 to check, and to replace where it is not
            byNlohmann(value);
    }
    void byNlohmann(const Json& value)
    {
        if (!m_nlohmann)
            m_nlohmann.emplace(nlohmann::detail::output_adapter<char>(m_out), ' ',
                               Json::error_handler_t::replace);
        m_nlohmann->dump(value, false, false, 0);
    }

    std::string& m_out;
    std::optional<nlohmann::detail::serializer<Json>> m_nlohmann;
};

} // namespace

std::string prettyJsonExcept(const Json& object, const char* key, int indent)
{
    if (!object.is_object() || !object.contains(key))
        return dumpJson(object, indent);
    if (indent < 0) {
        Json rest = object;
        rest.erase(key);
        return dumpJson(rest);
    }
    std::string out;
    nlohmann::detail::serializer<Json> serializer(nlohmann::detail::output_adapter<char>(out), ' ',
                                                  Json::error_handler_t::replace);
    // As nlohmann writes an object's members one level in (serializer::dump).
    const auto step = static_cast<unsigned int>(indent);
    const std::string margin(step, ' ');
    bool first = true;
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (it.key() == key)
            continue;
        out += first ? "{\n" : ",\n";
        first = false;
        out += margin;
        serializer.dump(Json(it.key()), true, false, step, step);
        out += ": ";
        serializer.dump(it.value(), true, false, step, step);
    }
    if (first)
        return "{}";
    out += "\n}";
    return out;
}

std::string compactJson(const Json& value)
{
    std::string out;
    CompactWriter(out).write(value);
    return out;
}

} // namespace orch
