// compactJson() writes exactly what nlohmann's dump(-1, ' ', false, replace) writes, for
// plain and escaped strings and keys, invalid UTF-8, every kind of number, nesting, and
// thousands of random values: stored texts and request bodies are the same as before.

#include "core/Json.h"

#include <QTest>
#include <cmath>
#include <limits>
#include <random>

using namespace orch;

namespace {

std::string nlohmannDump(const Json& value)
{
    return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

class RandomJson
{
public:
    explicit RandomJson(unsigned seed) : m_random(seed) {}

    Json value(int depth)
    {
        switch (pick(depth > 4 ? 6 : 8)) {
        case 0:
            return nullptr;
        case 1:
            return pick(2) == 1;
        case 2:
            return static_cast<long long>(m_random()) - static_cast<long long>(m_random());
        case 3:
            return static_cast<unsigned long long>(m_random()) << 32 | m_random();
        case 4:
            return number();
        case 5:
            return text();
        case 6: {
            Json array = Json::array();
            for (int i = pick(5); i > 0; --i)
                array.push_back(value(depth + 1));
            return array;
        }
        default: {
            Json object = Json::object();
            for (int i = pick(5); i > 0; --i)
                object[text()] = value(depth + 1);
            return object;
        }
        }
    }

private:
    int pick(int below) { return int(m_random() % unsigned(below)); }
    double number()
    {
        static const double special[] = {0.0,
                                         -0.0,
                                         0.1,
                                         1.0,
                                         -2.5e-300,
                                         1e300,
                                         std::numeric_limits<double>::quiet_NaN(),
                                         std::numeric_limits<double>::infinity(),
                                         std::numeric_limits<double>::denorm_min(),
                                         123456789.125};
        if (pick(2) == 0)
            return special[pick(10)];
        return std::ldexp(double(m_random()) / 4294967296.0, pick(200) - 100);
    }
    std::string text()
    {
        // Mostly plain, sometimes with what JSON escapes, UTF-8 or bytes that are not UTF-8.
        static const std::string pieces[] = {"a",    "step", " ",  "\"",
                                             "\\",   "\n",   "\t", "\x01",
                                             "\x1f", "\x7f", "é",  "\xf0\x9f\x98\x80",
                                             "\xff", "\xc3", "/",  "{\"k\":1}"};
        std::string out;
        const bool plain = pick(3) != 0;
        for (int i = pick(12); i > 0; --i)
            out += plain ? pieces[pick(3)] : pieces[pick(16)];
        return out;
    }

    std::mt19937 m_random;
};

} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT

private slots:
    void writesWhatNlohmannWrites_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::newRow("scalars") << QByteArray("[null,true,false,0,-1,9223372036854775807,"
                                               "-9223372036854775808,18446744073709551615,1.5,"
                                               "-0.0,1e300,2.5e-300]");
        QTest::newRow("strings") << QByteArray("[\"\", \"plain\", \"q\\\"uote\", "
                                               "\"back\\\\slash\", \"tab\\tnew\\nline\", "
                                               "\"\\u0001\\u001f\\u007f\", "
                                               "\"\xc3\xa9 \xf0\x9f\x98\x80\", \"/\"]");
        QTest::newRow("keys") << QByteArray("{\"b\":1,\"a\":{\"\":[],\"x\\\"y\":{}},"
                                            "\"\xc3\xa9\":\"ok\"}");
        QTest::newRow("nesting") << QByteArray("[[[[[[{\"a\":[[[]]]}]]]]]]");
    }
    void writesWhatNlohmannWrites()
    {
        QFETCH(QByteArray, text);
        const Json value = parseJson(text);
        QVERIFY(!value.is_discarded());
        QCOMPARE(compactJson(value), nlohmannDump(value));
    }

    void writesSpecialValuesAsNlohmannDoes()
    {
        for (const Json& value :
             {Json(std::numeric_limits<double>::quiet_NaN()),
              Json(std::numeric_limits<double>::infinity()), Json(std::string("\xff\xfe bad")),
              Json(std::string("ok \xc3")), Json::object({{std::string("k\xff"), 1}}),
              Json::binary({1, 2, 3}), Json(Json::value_t::discarded)})
            QCOMPARE(compactJson(value), nlohmannDump(value));
    }

    void everyByteAtEveryPlaceOfAWord()
    {
        // The writer tests eight bytes at a time; each byte value, alone or next to a quote,
        // at each place of two words and their tail, is written as nlohmann writes it.
        for (int byte = 0; byte < 256; ++byte)
            for (size_t length = 1; length <= 19; ++length)
                for (size_t at = 0; at < length; ++at) {
                    std::string text(length, 'x');
                    text[at] = char(byte);
                    for (const std::string& value : {text, text + "\"", "\\" + text}) {
                        const Json json(value);
                        if (compactJson(json) != nlohmannDump(json))
                            QFAIL(qPrintable(QStringLiteral("byte %1 at %2 of %3")
                                                 .arg(byte)
                                                 .arg(at)
                                                 .arg(length)));
                    }
                }
    }

    void writesRandomValuesAsNlohmannDoes()
    {
        RandomJson random(20261207);
        for (int i = 0; i < 3000; ++i) {
            const Json value = random.value(0);
            const std::string ours = compactJson(value);
            const std::string theirs = nlohmannDump(value);
            if (ours != theirs)
                QFAIL(qPrintable(
                    QStringLiteral("value %1: %2 instead of %3")
                        .arg(i)
                        .arg(QString::fromStdString(ours), QString::fromStdString(theirs))));
        }
    }

    // The prompt's view of the state: the object without one member, as the copy without it
    // would be written, at every indent, for random objects with and without that member.
    void prettyJsonExceptIsTheCopyWithoutTheMember()
    {
        RandomJson random(7);
        int hadIt = 0;
        for (int i = 0; i < 2000; ++i) {
            Json value = random.value(1);
            if (value.is_object() && i % 2 == 0)
                value["messages"] = random.value(2);
            Json rest = value;
            if (rest.is_object() && rest.erase("messages") == 1)
                ++hadIt;
            for (int indent : {-1, 0, 1, 2}) {
                const std::string ours = prettyJsonExcept(value, "messages", indent);
                const std::string theirs = dumpJson(rest, indent);
                if (ours != theirs)
                    QFAIL(qPrintable(
                        QStringLiteral("value %1, indent %2: %3 instead of %4")
                            .arg(i)
                            .arg(indent)
                            .arg(QString::fromStdString(ours), QString::fromStdString(theirs))));
            }
        }
        QVERIFY(hadIt > 100);
        QCOMPARE(prettyJsonExcept({{"messages", 1}}, "messages", 1), std::string("{}"));
    }

    // Events are built member by member now: the same object, value types included, as the
    // initializer list they replaced.
    void jsonObjectIsTheInitializerListsObject()
    {
        Json nested = {{"tools", {"a", "b"}}, {"next", "x"}};
        const Json expected = {{"step", 3},          {"agent", "a1"},   {"tokens", 12LL},
                               {"cost", nullptr},    {"ok", true},      {"ratio", 0.5},
                               {"count", size_t(7)}, {"detail", nested}};
        const Json built =
            jsonObject("step", 3, "agent", std::string("a1"), "tokens", 12LL, "cost", Json(nullptr),
                       "ok", true, "ratio", 0.5, "count", size_t(7), "detail", std::move(nested));
        QVERIFY(built == expected);
        for (auto it = expected.begin(); it != expected.end(); ++it)
            QVERIFY2(built[it.key()].type() == it.value().type(), it.key().c_str());
        QVERIFY(nested.is_null()); // moved in, not copied
        QCOMPARE(compactJson(built), compactJson(expected));
        QVERIFY(jsonObject() == Json::object());
    }

    void dumpJsonIndentedIsNlohmanns()
    {
        const Json value = {{"a", {1, 2}}, {"b", "c"}};
        QCOMPARE(dumpJson(value, 2), value.dump(2));
        QCOMPARE(dumpJson(value), value.dump());
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_json_writer.moc"
