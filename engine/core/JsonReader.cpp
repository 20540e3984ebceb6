// JSON text to a value, accepting and refusing exactly what nlohmann's parse() does (RFC 8259,
// UTF-8 checked, a leading byte order mark skipped, non-finite numbers refused, the last of a
// repeated key kept, the text ended by a NUL byte after the value) and giving the same value,
// number types included, in a fraction of its time: nlohmann's lexer copies every byte into a
// token buffer one call at a time, about 130 instructions a byte of a model's reply. Here runs
// of plain ASCII are copied whole. Nesting deeper than kMaxJsonDepth is refused while reading,
// as nestsTooDeep() would.
#include "core/Json.h"
#include "core/JsonBytes.h"

#include <charconv>
#include <clocale>
#include <cmath>
#include <cstdlib>
#include <locale.h>

namespace orch {
namespace {

class Reader
{
public:
    Reader(const char* begin, const char* end) : m_p(begin), m_end(end) {}

    bool document(Json& out)
    {
        if (m_p != m_end && byte() == 0xEF) { // a byte order mark, and only that
            if (m_end - m_p < 3 || static_cast<unsigned char>(m_p[1]) != 0xBB ||
                static_cast<unsigned char>(m_p[2]) != 0xBF)
                return false;
            m_p += 3;
        }
        skipSpace();
        if (!value(out, 0))
            return false;
        skipSpace();
        return m_p == m_end || *m_p == '\0'; // nlohmann's input ends at a NUL byte
    }

private:
    unsigned char byte() const { return static_cast<unsigned char>(*m_p); }

    void skipSpace()
    {
        while (m_p != m_end && (*m_p == ' ' || *m_p == '\n' || *m_p == '\r' || *m_p == '\t'))
            ++m_p;
    }

    bool value(Json& out, int depth)
    {
        if (m_p == m_end)
            return false;
        switch (*m_p) {
        case '{':
            return object(out, depth + 1);
        case '[':
            return array(out, depth + 1);
        case '"': {
            ++m_p;
            std::string text;
            if (!string(text))
                return false;
            out = std::move(text);
            return true;
        }
        case 't':
            return literal("true", 4) && (out = true, true);
        case 'f':
            return literal("false", 5) && (out = false, true);
        case 'n':
            return literal("null", 4) && (out = nullptr, true);
        default:
            return number(out);
        }
    }

    bool object(Json& out, int depth)
    {
        out = Json::object();
        auto& members = out.get_ref<Json::object_t&>();
        bool closed = false;
        if (!opened(depth, '}', closed))
            return false;
        while (!closed) {
            if (m_p == m_end || *m_p != '"')
                return false;
            ++m_p;
            std::string key;
            if (!string(key))
                return false;
            skipSpace();
            if (m_p == m_end || *m_p != ':')
                return false;
            ++m_p;
            skipSpace();
            // A repeated key: the later value replaces the earlier, as in nlohmann.
            if (!value(members[std::move(key)], depth) || !separated('}', closed))
                return false;
        }
        return true;
    }

    bool array(Json& out, int depth)
    {
        out = Json::array();
        auto& elements = out.get_ref<Json::array_t&>();
        bool closed = false;
        if (!opened(depth, ']', closed))
            return false;
        while (!closed)
            if (!value(elements.emplace_back(), depth) || !separated(']', closed))
                return false;
        return true;
    }

    // At a container's opening bracket: past it, `closed` when the container is empty.
    bool opened(int depth, char close, bool& closed)
    {
        if (depth > kMaxJsonDepth)
            return false;
        ++m_p;
        skipSpace();
        closed = m_p != m_end && *m_p == close;
        if (closed)
            ++m_p;
        return true;
    }

    // After an element: past a comma and the space after it, or past the closing bracket.
    bool separated(char close, bool& closed)
    {
        skipSpace();
        if (m_p == m_end || (*m_p != close && *m_p != ','))
            return false;
        closed = *m_p++ == close;
        if (!closed)
            skipSpace();
        return true;
    }

    bool literal(const char* word, size_t size)
    {
        if (size_t(m_end - m_p) < size || std::memcmp(m_p, word, size) != 0)
            return false;
        m_p += size;
        return true;
    }

    // After the opening quote; through the closing one.
    bool string(std::string& out)
    {
        for (;;) {
            const size_t left = size_t(m_end - m_p);
            const size_t plain = jsonbytes::plainRunEnd(m_p, 0, left);
            out.append(m_p, plain);
            m_p += plain;
            if (m_p == m_end)
                return false;
            const unsigned char c = byte();
            if (c == '"') {
                ++m_p;
                return true;
            }
            if (c == '\\') {
                if (!escape(out))
                    return false;
            } else if (c < 0x20) {
                return false; // a control character must be escaped
            } else if (!utf8(out)) {
                return false;
            }
        }
    }

    bool escape(std::string& out)
    {
        if (++m_p == m_end)
            return false;
        const char c = *m_p++;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            out += c;
            return true;
        case 'b':
            out += '\b';
            return true;
        case 'f':
            out += '\f';
            return true;
        case 'n':
            out += '\n';
            return true;
        case 'r':
            out += '\r';
            return true;
        case 't':
            out += '\t';
            return true;
        case 'u':
            return codePoint(out);
        default:
            return false;
        }
    }

    // Four hex digits after "\u", or -1.
    long hex4()
    {
        if (m_end - m_p < 4)
            return -1;
        long value = 0;
        for (int i = 0; i < 4; ++i) {
            const char c = *m_p++;
            int digit;
            if (c >= '0' && c <= '9')
                digit = c - '0';
            else if (c >= 'a' && c <= 'f')
                digit = c - 'a' + 10;
            else if (c >= 'A' && c <= 'F')
                digit = c - 'A' + 10;
            else
                return -1;
            value = value * 16 + digit;
        }
        return value;
    }

    // "\u" escapes: a high surrogate only with a low one after it, never a low one alone.
    bool codePoint(std::string& out)
    {
        long code = hex4();
        if (code < 0 || (code >= 0xDC00 && code <= 0xDFFF))
            return false;
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (m_end - m_p < 2 || m_p[0] != '\\' || m_p[1] != 'u')
                return false;
            m_p += 2;
            const long low = hex4();
            if (low < 0xDC00 || low > 0xDFFF)
                return false;
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
        }
        if (code < 0x80) {
            out += char(code);
        } else if (code < 0x800) {
            out += char(0xC0 | (code >> 6));
            out += char(0x80 | (code & 0x3F));
        } else if (code < 0x10000) {
            out += char(0xE0 | (code >> 12));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        } else {
            out += char(0xF0 | (code >> 18));
            out += char(0x80 | ((code >> 12) & 0x3F));
            out += char(0x80 | ((code >> 6) & 0x3F));
            out += char(0x80 | (code & 0x3F));
        }
        return true;
    }

    // One UTF-8 sequence, well formed as RFC 3629 has it (no overlong forms, no surrogates,
    // nothing past U+10FFFF).
    bool utf8(std::string& out)
    {
        const unsigned char lead = byte();
        int tail;
        unsigned char low = 0x80;
        unsigned char high = 0xBF; // the range of the first continuation byte
        if (lead >= 0xC2 && lead <= 0xDF) {
            tail = 1;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            tail = 2;
            if (lead == 0xE0)
                low = 0xA0;
            else if (lead == 0xED)
                high = 0x9F;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            tail = 3;
            if (lead == 0xF0)
                low = 0x90;
            else if (lead == 0xF4)
                high = 0x8F;
        } else {
            return false;
        }
        if (m_end - m_p <= tail)
            return false;
        for (int i = 1; i <= tail; ++i) {
            const auto next = static_cast<unsigned char>(m_p[i]);
            if (next < (i == 1 ? low : 0x80) || next > (i == 1 ? high : 0xBF))
                return false;
        }
        out.append(m_p, size_t(tail) + 1);
        m_p += tail + 1;
        return true;
    }

    // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? as nlohmann types it: an integer that
    // fits is unsigned when not negative, signed when negative; anything else a double,
    // refused when not finite.
    bool number(Json& out)
    {
        const char* start = m_p;
        const auto digits = [this] {
            const char* from = m_p;
            while (m_p != m_end && *m_p >= '0' && *m_p <= '9')
                ++m_p;
            return m_p != from;
        };
        const bool negative = *m_p == '-';
        if (negative)
            ++m_p;
        if (m_p == m_end)
            return false;
        if (*m_p == '0')
            ++m_p;
        else if (!digits())
            return false;
        bool integral = true;
        if (m_p != m_end && *m_p == '.') {
            ++m_p;
            if (!digits())
                return false;
            integral = false;
        }
        if (m_p != m_end && (*m_p == 'e' || *m_p == 'E')) {
            ++m_p;
            if (m_p != m_end && (*m_p == '+' || *m_p == '-'))
                ++m_p;
            if (!digits())
                return false;
            integral = false;
        }
        if (integral) {
            if (negative) {
                Json::number_integer_t value;
                if (std::from_chars(start, m_p, value).ec == std::errc()) {
                    out = value;
                    return true;
                }
            } else {
                Json::number_unsigned_t value;
                if (std::from_chars(start, m_p, value).ec == std::errc()) {
                    out = value;
                    return true;
                }
            }
        }
        double value;
        const auto read = std::from_chars(start, m_p, value);
        if (read.ec == std::errc::result_out_of_range)
            value = cLocaleStrtod(start, m_p); // what strtod gives past the range
        else if (read.ec != std::errc() || read.ptr != m_p)
            return false;
        if (!std::isfinite(value))
            return false;
        out = value;
        return true;
    }

    static double cLocaleStrtod(const char* begin, const char* end)
    {
        static const locale_t kC = newlocale(LC_ALL_MASK, "C", locale_t(nullptr));
        const std::string text(begin, end);
        return strtod_l(text.c_str(), nullptr, kC);
    }

    const char* m_p;
    const char* m_end;
};

} // namespace

Json readJson(const char* begin, const char* end)
{
    Json out;
    if (!Reader(begin, end).document(out))
        return Json(Json::value_t::discarded);
    return out;
}

} // namespace orch
