// write_api_spec: the machine-readable spec goes into the repository with contract tests and
// route stubs derived from it. The stubs fail the contract tests until the routes are written;
// written routes pass them; a bot's commands are checked against its replies. The spec is
// model-written: wrong types, unsupported shapes, huge documents and code in names are refused.

#include "JsonCompare.h"
#include "TestFiles.h"
#include "ToolHarness.h"
#include "tools/ApiSpec.h"
#include "tools/ToolRegistry.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

namespace {

const Json kItemsSpec = {
    {"openapi", "3.0.3"},
    {"info", {{"title", "Items"}, {"version", "1"}}},
    {"paths",
     {{"/items",
       {{"post",
         {{"summary", "create an item"},
          {"requestBody", {{"content", {{"application/json", {{"example", {{"name", "pen"}}}}}}}}},
          {"responses",
           {{"201",
             {{"content", {{"application/json", {{"schema", {{"required", {"id", "name"}}}}}}}}}},
            {"400", {{"description", "no name"}}}}}}},
        {"get",
         {{"parameters", {{{"name", "name"}, {"in", "query"}, {"example", "pen"}}}},
          {"responses",
           {{"200",
             {{"content",
               {{"application/json", {{"schema", {{"required", {"items"}}}}}}}}}}}}}}}}}}};

void writeFile(const QString& path, const QByteArray& content)
{
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
}

// `make test` of the workspace: exit code and output.
std::pair<int, QString> makeTest(const QString& workspace)
{
    QProcess make;
    make.setWorkingDirectory(workspace);
    make.setProcessChannelMode(QProcess::MergedChannels);
    make.start("make", {"test"});
    make.waitForFinished(60000);
    return {make.exitCode(), QString::fromUtf8(make.readAll())};
}

} // namespace

class TestApiSpec : public QObject
{
    Q_OBJECT

    std::unique_ptr<ToolRegistry> m_tools = ToolRegistry::withBuiltins();

    ToolResult call(const char* tool, const Json& arguments, const QString& ws,
                    const Json& state = Json::object())
    {
        return callToolWithState(*m_tools->find(tool), arguments, state, ws);
    }

private slots:
    void anHttpSpecGivesStubsThatFailItsContractUntilWritten()
    {
        QTemporaryDir ws;
        const ToolResult scaffolded =
            call("scaffold", {{"template", "python-http-service"}, {"project_name", "Items"}},
                 ws.path());
        QVERIFY(scaffolded.ok);
        const Json state = {{"scaffold", scaffolded.stateUpdate["scaffold"]}};
        const ToolResult written = call("write_api_spec", {{"spec", kItemsSpec}}, ws.path(), state);
        QVERIFY2(written.ok, written.output.dump().c_str());
        QCOMPARE(written.output["written"],
                 Json({"api-spec.json", "test_contract.py", "routes.py"}));
        QCOMPARE(written.stateUpdate["api_spec"]["lines"][0], "GET /items → 200");
        QCOMPARE(written.stateUpdate["api_spec"]["lines"][1],
                 "POST /items → 201/400: create an item");
        QCOMPARE(parseJson(readFile(ws.filePath("api-spec.json"))), kItemsSpec);

        auto [stubbed, stubOutput] = makeTest(ws.path());
        QVERIFY2(stubbed != 0, qPrintable(stubOutput));
        QVERIFY2(stubOutput.contains("answered 501"), qPrintable(stubOutput));

        writeFile(ws.filePath("routes.py"),
                  "ITEMS = []\n\n\ndef create(request):\n"
                  "    body = request['json'] or {}\n"
                  "    if not body.get('name'):\n        return 400, {'error': 'no name'}\n"
                  "    ITEMS.append(body['name'])\n"
                  "    return 201, {'id': len(ITEMS), 'name': body['name']}\n\n\n"
                  "def find(request):\n    return 200, {'items': ITEMS}\n\n\n"
                  "ROUTES = {('POST', '/items'): create, ('GET', '/items'): find}\n");
        auto [implemented, output] = makeTest(ws.path());
        QVERIFY2(implemented == 0, qPrintable(output));

        // Routes already written are never replaced by stubs.
        const ToolResult again = call("write_api_spec", {{"spec", kItemsSpec}}, ws.path(), state);
        QVERIFY(again.ok);
        QCOMPARE(again.output["written"], Json({"api-spec.json", "test_contract.py"}));
        QVERIFY(readFile(ws.filePath("routes.py")).contains("def create"));
    }

    void aBotSpecChecksTheReplies()
    {
        QTemporaryDir ws;
        const ToolResult scaffolded =
            call("scaffold", {{"template", "python-telegram-bot"}, {"project_name", "Greeter"}},
                 ws.path());
        const Json state = {{"scaffold", scaffolded.stateUpdate["scaffold"]}};
        const Json spec = {{"bot",
                            {{"commands",
                              {{{"send", "/start"}, {"reply_contains", "Hello! I am Greeter"}},
                               {{"send", "ping"}, {"reply_contains", "pong"}}}}}}};
        QVERIFY(call("write_api_spec", {{"spec", spec}}, ws.path(), state).ok);
        auto [failing, output] = makeTest(ws.path()); // the template echoes "ping"
        QVERIFY2(failing != 0 && output.contains("pong"), qPrintable(output));
        // An HTTP spec for a bot, and any spec for a worker, are refused.
        const ToolResult wrongKind =
            call("write_api_spec", {{"spec", kItemsSpec}}, ws.path(), state);
        QVERIFY(!wrongKind.ok);
        QVERIFY(errorOf(wrongKind).find("bot commands") != std::string::npos);
        const Json worker = {{"scaffold", {{"contract", {{"kind", "worker"}}}}}};
        QVERIFY(!call("write_api_spec", {{"spec", spec}}, ws.path(), worker).ok);
    }

    void hostileSpecsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("document");
        QTest::addColumn<QString>("says");
        QTest::newRow("not an object") << QByteArray("[1]") << "must be an object";
        QTest::newRow("swagger 2")
            << QByteArray("{\"swagger\":\"2.0\",\"paths\":{}}") << "OpenAPI 3";
        QTest::newRow("no paths") << QByteArray("{\"openapi\":\"3.0.3\"}") << "`paths`";
        QTest::newRow("path parameter")
            << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/items/{id}\":{}}}")
            << "no {parameters}";
        QTest::newRow("code in a path")
            << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/x\\\"); import os; (\\\"\":{}}}")
            << "must be like";
        QTest::newRow("odd method") << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/"
                                                  "x\":{\"trace\":{\"responses\":{\"200\":{}}}}}}")
                                    << "not one of";
        QTest::newRow("no responses")
            << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/x\":{\"get\":{}}}}")
            << "`responses`";
        QTest::newRow("status words") << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/"
                                                    "x\":{\"get\":{\"responses\":{\"ok\":{}}}}}}")
                                      << "not an HTTP status";
        QTest::newRow("header parameter")
            << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/"
                          "x\":{\"get\":{\"parameters\":[{\"name\":\"a\",\"in\":\"header\"}],"
                          "\"responses\":{\"200\":{}}}}}}")
            << "only query parameters";
        QTest::newRow("required of numbers")
            << QByteArray("{\"openapi\":\"3.0.3\",\"paths\":{\"/"
                          "x\":{\"get\":{\"responses\":{\"200\":{\"content\":{\"application/"
                          "json\":{\"schema\":{\"required\":[1]}}}}}}}}}")
            << "field names";
        QTest::newRow("bot without commands") << QByteArray("{\"bot\":{}}") << "bot.commands";
        QTest::newRow("bot command of numbers")
            << QByteArray("{\"bot\":{\"commands\":[{\"send\":1,\"reply_contains\":2}]}}")
            << "`send`";
        QTest::newRow("huge") << QByteArray("{\"openapi\":\"3.0.3\",\"info\":{\"x\":\"") +
                                     QByteArray(70000, 'a') + "\"},\"paths\":{}}"
                              << "64 KB";
    }

    void hostileSpecsAreRefused()
    {
        QFETCH(QByteArray, document);
        QFETCH(QString, says);
        auto spec = ApiSpec::fromJson(parseJson(document));
        QVERIFY(!spec.ok());
        QVERIFY2(spec.error().contains(says), qPrintable(spec.error()));
        QTemporaryDir ws;
        QVERIFY(!call("write_api_spec", {{"spec", parseJson(document)}}, ws.path()).ok);
        QVERIFY(!QFile::exists(ws.filePath("api-spec.json")));
    }
};

QTEST_GUILESS_MAIN(TestApiSpec)
#include "tst_api_spec.moc"
