// Every tool's schema, as the model sees it: each tool and each of its arguments is
// described, the schema is one the argument validator understands, and the validator
// converts quoted numbers and booleans without loss while refusing everything else with the
// argument's name.

#include "tools/ArgumentSchema.h"
#include "tools/ToolRegistry.h"

#include <QTest>

using namespace orch;

namespace {

// Paths of properties (nested ones too) that have no description.
void undescribed(const Json& schema, const QString& path, QStringList& missing)
{
    for (auto it = objectAt(schema, "properties").begin();
         it != objectAt(schema, "properties").end(); ++it) {
        const QString name = path + QLatin1Char('.') + toQ(it.key());
        if (stringOr(*it, "description").size() < 8)
            missing << name;
        if (stringOr(*it, "type").empty())
            missing << name + QStringLiteral(" (no type)");
        undescribed(*it, name, missing);
        if (member(*it, "items").is_object())
            undescribed((*it)["items"], name + QStringLiteral("[]"), missing);
    }
}

} // namespace

class TestToolSchemas : public QObject
{
    Q_OBJECT

private slots:
    void everyToolAndArgumentIsDescribed()
    {
        auto registry = ToolRegistry::withBuiltins();
        QStringList missing;
        for (const QString& name : registry->names()) {
            const ToolSpec spec = registry->find(name)->spec();
            if (spec.description.size() < 20)
                missing << name + QStringLiteral(" (the tool)");
            QCOMPARE(stringOr(spec.parameters, "type"), std::string("object"));
            undescribed(spec.parameters, name, missing);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }

    void losslessConversionsOnly()
    {
        const Json schema = {{"type", "object"},
                             {"properties",
                              {{"limit", {{"type", "integer"}, {"minimum", 1}}},
                               {"ratio", {{"type", "number"}}},
                               {"strict", {{"type", "boolean"}}},
                               {"tags", {{"type", "array"}, {"items", {{"type", "string"}}}}},
                               {"mode", {{"type", "string"}, {"enum", {"a", "b"}}}}}},
                             {"required", {"limit"}}};
        auto ok = ArgumentSchema::conform(schema, {{"limit", "5"},
                                                   {"ratio", "0.5"},
                                                   {"strict", "true"},
                                                   {"tags", "[\"x\", \"y\"]"},
                                                   {"mode", "b"}});
        QVERIFY2(ok, qPrintable(ok.error()));
        QVERIFY(ok.value()["limit"] == Json(5));
        QVERIFY(ok.value()["ratio"] == Json(0.5));
        QVERIFY(ok.value()["strict"] == Json(true));
        QVERIFY(ok.value()["tags"] == Json({"x", "y"}));
        QVERIFY(ArgumentSchema::conform(schema, {{"limit", 3.0}}).value()["limit"] == Json(3));
        QVERIFY(!ArgumentSchema::conform(schema, {{"limit", 2}, {"mode", nullptr}})
                     .value()
                     .contains("mode"));

        const std::vector<std::pair<Json, QString>> refused = {
            {{{"limit", "five"}}, "argument 'limit' must be an integer"},
            {{{"limit", 2.5}}, "argument 'limit' must be an integer"},
            {{{"limit", 0}}, "argument 'limit' must be at least 1"},
            {{{"limit", true}}, "argument 'limit' must be an integer"},
            {{{"limit", 1}, {"strict", "yes"}}, "argument 'strict' must be a boolean"},
            {{{"limit", 1}, {"tags", {"x", 3}}}, "argument 'tags[1]' must be a string"},
            {{{"limit", 1}, {"tags", "not a list"}}, "argument 'tags' must be a list"},
            {{{"limit", 1}, {"mode", "c"}}, "argument 'mode' must be one of"},
            {{{"limit", 1}, {"colour", "red"}}, "unknown argument 'colour'"},
            {{{"ratio", 1}}, "missing argument 'limit'"},
            {{{"limit", "99999999999999999999999"}}, "argument 'limit' must be an integer"},
        };
        for (const auto& [arguments, expected] : refused) {
            auto result = ArgumentSchema::conform(schema, arguments);
            QVERIFY2(!result, qPrintable(toQ(dumpJson(arguments))));
            QVERIFY2(result.error().contains(expected), qPrintable(result.error()));
        }
        QVERIFY(!ArgumentSchema::conform(schema, Json::array()));
        QVERIFY(!ArgumentSchema::conform(schema, "text"));
    }
};

QTEST_GUILESS_MAIN(TestToolSchemas)
#include "tst_tool_schemas.moc"
