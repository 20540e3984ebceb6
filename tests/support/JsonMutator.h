#pragma once
// Mutates recorded inputs at random from a fixed seed, for the protocol fuzz tests: JSON-aware
// mutations (a node replaced by a value of another type, an absurd number, a huge or empty
// string, a deep nest; a node removed) and byte mutations (flips, cuts, inserted garbage).

#include "core/Json.h"

#include <QByteArray>
#include <random>
#include <vector>

namespace orch::test {

class JsonMutator
{
public:
    explicit JsonMutator(quint64 seed) : m_rng(seed) {}

    int below(int n) { return int(m_rng() % quint64(std::max(n, 1))); }

    // One to three structural mutations of the document.
    Json mutate(Json document)
    {
        const int count = 1 + below(3);
        for (int i = 0; i < count; ++i) {
            std::vector<Json::json_pointer> nodes;
            collect(document, Json::json_pointer(), nodes);
            const Json::json_pointer at = nodes[size_t(below(int(nodes.size())))];
            if (at.empty()) {
                document = randomValue();
                continue;
            }
            if (below(5) == 0) { // remove it
                Json& parent = document[at.parent_pointer()];
                if (parent.is_object())
                    parent.erase(at.back());
                else if (parent.is_array() && !parent.empty())
                    parent.erase(parent.begin() + long(std::stoul(at.back()) % parent.size()));
                continue;
            }
            document[at] = randomValue();
        }
        return document;
    }

    // Byte-level damage to a serialised document.
    QByteArray mutateBytes(QByteArray bytes)
    {
        switch (below(5)) {
        case 0:
            if (!bytes.isEmpty())
                bytes[below(int(bytes.size()))] = char(below(256));
            break;
        case 1:
            bytes.truncate(below(int(bytes.size()) + 1));
            break;
        case 2:
            bytes.insert(below(int(bytes.size()) + 1), garbage());
            break;
        case 3:
            bytes.insert(below(int(bytes.size()) + 1), QByteArray(20000, '['));
            break;
        default:
            bytes.replace(below(int(bytes.size()) + 1), below(8),
                          QByteArray("\"\\u0000\xff\xfe\""));
            break;
        }
        return bytes;
    }

    Json randomValue()
    {
        switch (below(16)) {
        case 0:
            return nullptr;
        case 1:
            return true;
        case 2:
            return 0;
        case 3:
            return -1;
        case 4:
            return 1.5;
        case 5:
            return 1e308;
        case 6:
            return std::numeric_limits<long long>::min();
        case 7:
            return std::numeric_limits<unsigned long long>::max();
        case 8:
            return "";
        case 9:
            return "0";
        case 10:
            return std::string(70000, 'z');
        case 11:
            return Json::array();
        case 12:
            return Json::object();
        case 13:
            return Json::array({1, "a", nullptr, Json::object()});
        case 14: {
            Json deep = Json::array();
            for (int i = 0; i < 200; ++i)
                deep = Json::array({std::move(deep)});
            return deep;
        }
        default:
            return Json{{"unexpected", {{"type", 7}}}};
        }
    }

private:
    static void collect(const Json& node, const Json::json_pointer& at,
                        std::vector<Json::json_pointer>& out)
    {
        out.push_back(at);
        if (node.is_object())
            for (auto it = node.begin(); it != node.end(); ++it)
                collect(*it, at / it.key(), out);
        else if (node.is_array())
            for (size_t i = 0; i < node.size(); ++i)
                collect(node[i], at / i, out);
    }

    QByteArray garbage()
    {
        QByteArray bytes(1 + below(64), '\0');
        for (char& c : bytes)
            c = char(below(256));
        return bytes;
    }

    std::mt19937_64 m_rng;
};

} // namespace orch::test
