// telegram_probe: getMe against a local stand-in of the Bot API, with the token from the
// vault by handle; the token never appears in what the model sees.

#include "FakeLlmServer.h"
#include "ToolHarness.h"
#include "tools/ToolRegistry.h"

#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestTelegramProbe : public QObject
{
    Q_OBJECT

    FakeLlmServer m_api;
    std::unique_ptr<ToolRegistry> m_tools;
    const QByteArray m_token = "777:probe-token-xyz";

private slots:
    void initTestCase()
    {
        QVERIFY(m_api.listen());
        const QByteArray token = m_token;
        m_api.setHandler([token](const RecordedRequest& r) {
            if (r.path == "/bot" + token + "/getMe")
                return FakeReply::raw(
                    200, R"({"ok":true,"result":{"id":777,"is_bot":true,"username":"clock_bot"}})");
            return FakeReply::raw(401,
                                  R"({"ok":false,"error_code":401,"description":"Unauthorized"})");
        });
        ToolSettings settings;
        settings.deploy.settings.telegramApiBase =
            QStringLiteral("http://127.0.0.1:%1").arg(m_api.port());
        settings.deploy.revealSecret = [token](const QString& handle,
                                               const QString&) -> Result<QByteArray> {
            if (handle == QLatin1String("bot:clock"))
                return token;
            if (handle == QLatin1String("bot:revoked"))
                return QByteArray("1:revoked");
            return Error{QStringLiteral("no secret %1 in the vault").arg(handle)};
        };
        m_tools = ToolRegistry::withBuiltins(settings);
    }

    void workingTokenAnswersTheBotName()
    {
        QTemporaryDir ws;
        ToolResult r =
            callTool(*m_tools->find("telegram_probe"), {{"handle", "bot:clock"}}, ws.path());
        QVERIFY2(r.ok, errorOf(r).c_str());
        QCOMPARE(r.output["username"], "clock_bot");
        QVERIFY(r.output.dump().find(m_token.toStdString()) == std::string::npos);
    }

    void refusals()
    {
        QTemporaryDir ws;
        ToolResult revoked =
            callTool(*m_tools->find("telegram_probe"), {{"handle", "bot:revoked"}}, ws.path());
        QVERIFY(!revoked.ok);
        QVERIFY2(errorOf(revoked).find("HTTP 401 Unauthorized") != std::string::npos,
                 errorOf(revoked).c_str());
        QVERIFY(errorOf(revoked).find("1:revoked") ==
                std::string::npos); // the token itself never shows
        QVERIFY(
            !callTool(*m_tools->find("telegram_probe"), {{"handle", "bot:missing"}}, ws.path()).ok);
        QVERIFY(
            !callTool(*m_tools->find("telegram_probe"), {{"handle", "key:openai"}}, ws.path()).ok);
    }
};

QTEST_GUILESS_MAIN(TestTelegramProbe)
#include "tst_telegram_probe.moc"
