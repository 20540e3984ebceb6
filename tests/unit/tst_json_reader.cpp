// parseJson reads JSON itself (core/JsonReader.cpp) instead of through nlohmann: every text
// must be accepted or refused as nlohmann accepts or refuses it, and read to the same value
// with the same number types. Checked on edge cases, generated documents, and those documents
// broken at random; the reference is nlohmann's parse() behind the depth check parseJson
// made before.
#include "core/Json.h"

#include <QRandomGenerator>
#include <QTest>
#include <cmath>

using namespace orch;

namespace {

Json reference(const QByteArray& text)
{
    if (nestsTooDeep(text))
        return Json(Json::value_t::discarded);
    return Json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
}

// Equal as trees, number types and the sign of zero included (== counts 1, 1u and 1.0 equal).
bool sameTree(const Json& a, const Json& b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case Json::value_t::discarded: // refused by both: a discarded value equals nothing, itself too
        return true;
    case Json::value_t::array: {
        if (a.size() != b.size())
            return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (!sameTree(a[i], b[i]))
                return false;
        return true;
    }
    case Json::value_t::object: {
        if (a.size() != b.size())
            return false;
        for (auto left = a.begin(), right = b.begin(); left != a.end(); ++left, ++right)
            if (left.key() != right.key() || !sameTree(left.value(), right.value()))
                return false;
        return true;
    }
    case Json::value_t::number_float: {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return x == y && std::signbit(x) == std::signbit(y);
    }
    default:
        return a == b;
    }
}

QString shown(const QByteArray& text)
{
    return QString::fromLatin1(text.left(120).toPercentEncoding(" {}[]:,\"'.-+"));
}

bool readsAsNlohmann(const QByteArray& text, QString* why)
{
    const Json mine = parseJson(text);
    const Json theirs = reference(text);
    if (sameTree(mine, theirs))
        return true;
    *why =
        QStringLiteral("%1: read %2, nlohmann %3")
            .arg(shown(text),
                 QString::fromStdString(mine.dump(-1, ' ', false, Json::error_handler_t::replace)),
                 QString::fromStdString(
                     theirs.dump(-1, ' ', false, Json::error_handler_t::replace)));
    return false;
}

// A random value: nested containers, strings of every kind of character, numbers of every type.
Json randomValue(QRandomGenerator& random, int depth)
{
    const int kind = int(random.bounded(depth > 3 ? 6 : 8));
    switch (kind) {
    case 0:
        return nullptr;
    case 1:
        return random.bounded(2) == 1;
    case 2: {
        switch (random.bounded(4)) {
        case 0:
            return Json(qint64(random.generate64()));
        case 1:
            return Json(quint64(random.generate64()));
        case 2:
            return Json(int(random.bounded(2000)) - 1000);
        default:
            return Json(
                std::ldexp(random.generateDouble() - 0.5, int(random.bounded(2000)) - 1000));
        }
    }
    case 3:
    case 4:
    case 5: {
        std::string text;
        const int length = int(random.bounded(24));
        for (int i = 0; i < length; ++i) {
            const quint32 pick = random.bounded(10);
            char32_t code = pick < 6   ? char32_t(0x20 + random.bounded(0x5F))
                            : pick < 7 ? char32_t(random.bounded(0x20))
                            : pick < 8 ? char32_t(0x80 + random.bounded(0x780))
                            : pick < 9 ? char32_t(0x800 + random.bounded(0xF7FF))
                                       : char32_t(0x10000 + random.bounded(0xFFFFF));
            if (code >= 0xD800 && code <= 0xDFFF)
                code = 'x';
            text += QString::fromUcs4(&code, 1).toStdString();
        }
        return text;
    }
    case 6: {
        Json array = Json::array();
        const int size = int(random.bounded(5));
        for (int i = 0; i < size; ++i)
            array.push_back(randomValue(random, depth + 1));
        return array;
    }
    default: {
        Json object = Json::object();
        const int size = int(random.bounded(5));
        for (int i = 0; i < size; ++i)
            object[std::string(1, char('a' + random.bounded(6)))] = randomValue(random, depth + 1);
        return object;
    }
    }
}

// A document's text, now and then with spaces between its tokens and escapes in its strings.
QByteArray randomText(QRandomGenerator& random)
{
    const Json value = randomValue(random, 0);
    std::string text = random.bounded(2) ? value.dump() : value.dump(random.bounded(3), ' ', true);
    return QByteArray::fromStdString(text);
}

QByteArray broken(QRandomGenerator& random, QByteArray text)
{
    static const char kBytes[] =
        "{}[],:\"\\-+.eE0159tfnu \t\r\n\x01\x7f\xc3\xa9\xed\xa0\x80\xf4\x90\xef";
    const int edits = 1 + int(random.bounded(3));
    for (int i = 0; i < edits; ++i) {
        const qsizetype at = text.isEmpty() ? 0 : qsizetype(random.bounded(int(text.size())));
        switch (random.bounded(4)) {
        case 0:
            if (!text.isEmpty())
                text[at] = kBytes[random.bounded(int(sizeof kBytes - 1))];
            break;
        case 1:
            text.insert(at, kBytes[random.bounded(int(sizeof kBytes - 1))]);
            break;
        case 2:
            text.remove(at, 1);
            break;
        default:
            text.truncate(at);
        }
    }
    return text;
}

} // namespace

class TestJsonReader : public QObject
{
    Q_OBJECT

private slots:
    void edgeCases_data()
    {
        QTest::addColumn<QByteArray>("text");
        const char* cases[] = {
            // documents and their surroundings
            "",
            " ",
            "{}",
            "[]",
            " {} ",
            "\t[\n]\r\n",
            "{} x",
            "{}{}",
            "[1,]",
            "[,1]",
            "{,}",
            "{\"a\":1,}",
            "{\"a\" 1}",
            "{\"a\":}",
            "{a:1}",
            "{'a':1}",
            "[1 2]",
            "{\"a\":1 \"b\":2}",
            "\xef\xbb\xbf{}",
            "\xef\xbb{}",
            "\xef{}",
            " \xef\xbb\xbf{}",
            "\xef\xbb\xbf",
            "{\"a\":1,\"a\":2}",
            "{\"b\":[],\"a\":{\"a\":null}}",
            // literals
            "true",
            "false",
            "null",
            "tru",
            "nul",
            "truex",
            "True",
            "NULL",
            "[true,false,null]",
            // numbers
            "0",
            "-0",
            "-",
            "01",
            "-01",
            "00",
            "1.",
            ".5",
            "1.5",
            "-1.5e3",
            "1e5",
            "1E+5",
            "1e-5",
            "1e",
            "1e+",
            "1.e5",
            "+1",
            "0x10",
            "1e400",
            "-1e400",
            "1e-400",
            "4e-320",
            "9223372036854775807",
            "9223372036854775808",
            "-9223372036854775808",
            "-9223372036854775809",
            "18446744073709551615",
            "18446744073709551616",
            "123456789012345678901234567890",
            "0.1",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "-0.0",
            "0e0",
            "NaN",
            "Infinity",
            "-Infinity",
            "[1e999]",
            "[-]",
            "1.0e",
            "2.",
            "3e+-1",
            // strings
            "\"\"",
            "\"a\"",
            "\"a",
            "\"\\\"\"",
            "\"\\\\\"",
            "\"\\/\"",
            "\"\\b\\f\\n\\r\\t\"",
            "\"\\x\"",
            "\"\\\"",
            "\"\\u0041\"",
            "\"\\u00e9\"",
            "\"\\u00E9\"",
            "\"\\u20ac\"",
            "\"\\u0000\"",
            "\"\\u12\"",
            "\"\\u12g4\"",
            "\"\\ud83d\\ude00\"",
            "\"\\ud83d\"",
            "\"\\ud83dx\"",
            "\"\\ud83d\\u0041\"",
            "\"\\ude00\"",
            "\"\\udbff\\udfff\"",
            "\"\\uD800\\uDC00\"",
            "\"a\tb\"",
            "\"a\nb\"",
            "\"\x1f\"",
            "\"\x7f\"",
            "\"\xc3\xa9\"",
            "\"\xc3\"",
            "\"\xc3x\"",
            "\"\xc0\x80\"",
            "\"\xc1\xbf\"",
            "\"\xe0\x80\x80\"",
            "\"\xe0\xa0\x80\"",
            "\"\xed\x9f\xbf\"",
            "\"\xed\xa0\x80\"",
            "\"\xef\xbf\xbf\"",
            "\"\xf0\x8f\xbf\xbf\"",
            "\"\xf0\x90\x80\x80\"",
            "\"\xf4\x8f\xbf\xbf\"",
            "\"\xf4\x90\x80\x80\"",
            "\"\xf5\x80\x80\x80\"",
            "\"\xff\"",
            "\"\x80\"",
            "\"\xe2\x82\"",
            "\"\xe2\x82\xac\"",
            "\"\xf0\x9f\x98\"",
            "\"abcdefgh\\\"ijklmnop\"",
            "\"abcdefghijklmnopqrstuvwxyz0123456789\"",
            "\"abcdefg\xc3\xa9hijklmnop\"",
            "{\"\xc3\xa9\":\"\\u00e9\"}",
            "{\"\\u0000\":1}",
        };
        for (const char* text : cases)
            QTest::newRow(text) << QByteArray(text);
        // Cases with a NUL inside, which the list above cannot hold.
        QTest::newRow("nul in a string") << QByteArray("\"a\0b\"", 5);
        QTest::newRow("nul after a value") << QByteArray("1\0", 2);
        QTest::newRow("nul alone") << QByteArray(1, '\0');
        QTest::newRow("nul in an array") << QByteArray("[\0]", 3);
    }

    void edgeCases()
    {
        QFETCH(QByteArray, text);
        QString why;
        QVERIFY2(readsAsNlohmann(text, &why), qPrintable(why));
    }

    void generatedDocuments()
    {
        QRandomGenerator random(20261207);
        for (int i = 0; i < 3000; ++i) {
            const QByteArray text = randomText(random);
            QString why;
            QVERIFY2(readsAsNlohmann(text, &why), qPrintable(why));
            QVERIFY(!parseJson(text).is_discarded());
        }
    }

    void brokenDocuments()
    {
        QRandomGenerator random(7);
        int refused = 0;
        for (int i = 0; i < 20000; ++i) {
            const QByteArray text = broken(random, randomText(random));
            QString why;
            QVERIFY2(readsAsNlohmann(text, &why), qPrintable(why));
            refused += parseJson(text).is_discarded() ? 1 : 0;
        }
        // Both sides of the comparison were exercised.
        QVERIFY(refused > 5000);
        QVERIFY(refused < 19000);
    }

    void nestingStopsAtTheLimit()
    {
        const QByteArray deepest = QByteArray(kMaxJsonDepth, '[') + QByteArray(kMaxJsonDepth, ']');
        const QByteArray tooDeep =
            QByteArray(kMaxJsonDepth + 1, '[') + QByteArray(kMaxJsonDepth + 1, ']');
        QVERIFY(!parseJson(deepest).is_discarded());
        QVERIFY(parseJson(tooDeep).is_discarded());
        QByteArray objects;
        for (int i = 0; i <= kMaxJsonDepth; ++i)
            objects += "{\"a\":";
        objects += "1" + QByteArray(kMaxJsonDepth + 1, '}');
        QVERIFY(parseJson(objects).is_discarded());
        // A million brackets: refused without walking a million frames down.
        QVERIFY(parseJson(QByteArray(1 << 20, '[')).is_discarded());
    }

    void largeTextReadsWhole()
    {
        std::string big(5 << 20, 'x');
        for (size_t i = 0; i < big.size(); i += 4099)
            big[i] = char(0xC3), big[i + 1] = char(0xA9); // é now and then
        const Json value = {{"content", big}, {"n", 1u}}; // unsigned, as a read 1 is
        const QByteArray text = QByteArray::fromStdString(value.dump());
        const Json read = parseJson(text);
        QVERIFY(sameTree(read, value));
    }
};

QTEST_GUILESS_MAIN(TestJsonReader)
#include "tst_json_reader.moc"
