// A deployed service has the project's secrets and may echo them (a page that prints its
// environment, a log line with a token, a traceback): what the deploy, log and check tools bring
// back reaches the model, the state and the chat with each value replaced by its handle, in
// every encoding a service is likely to print it in.

#include "FakeLlmServer.h"
#include "ToolHarness.h"
#include "tools/ProjectSecretScrub.h"
#include "tools/ToolRegistry.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestSecretScrub : public QObject
{
    Q_OBJECT

    const QByteArray m_token = "4711:bot-token-secret";
    FakeLlmServer m_service; // the deployed project
    QTemporaryDir m_deployRoot;
    QTemporaryDir m_workspace;
    std::unique_ptr<ToolRegistry> m_tools;

    Json state() const
    {
        return {{"deployment",
                 {{"url", toStd(QStringLiteral("http://127.0.0.1:%1/").arg(m_service.port()))},
                  {"version", "v1"},
                  {"service", "echo"}}},
                {"resources", {{"env", {{"BOT_TOKEN", "bot:clock"}}}}}};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_service.listen());
        const QByteArray token = m_token;
        m_service.setHandler([token](const RecordedRequest&) {
            return FakeReply::raw(
                200, "BOT_TOKEN=" + token + " b64=" + token.toBase64() + " hex=" + token.toHex() +
                         " url=" + QUrl::toPercentEncoding(QString::fromUtf8(token)));
        });
        ToolSettings settings;
        settings.deploy.settings.deployRoot = m_deployRoot.path();
        settings.deploy.revealSecret = [token](const QString& handle,
                                               const QString&) -> Result<QByteArray> {
            if (handle == QLatin1String("bot:clock"))
                return token;
            return Error{QStringLiteral("no secret %1 in the vault").arg(handle)};
        };
        m_tools = ToolRegistry::withBuiltins(settings);
    }

    void aCheckSeesTheHandleInEveryEncoding()
    {
        const ToolResult r = callToolWithState(
            *m_tools->find("check_http"), {{"id", "env"}, {"path", "/env"}, {"expect_text", "BOT"}},
            state(), m_workspace.path());
        const std::string seen = r.output.dump() + r.stateUpdate.dump();
        for (const QByteArray& form :
             {m_token, m_token.toBase64(), m_token.toHex(), QByteArray("4711%3Abot-token-secret")})
            QVERIFY2(seen.find(form.toStdString()) == std::string::npos, seen.c_str());
        QVERIFY2(seen.find("BOT_TOKEN=[secret bot:clock] b64=[secret bot:clock]") !=
                     std::string::npos,
                 seen.c_str());
    }

    void theServiceLogSeesTheHandle()
    {
        QVERIFY(QDir().mkpath(m_deployRoot.filePath("echo")));
        QFile log(m_deployRoot.filePath("echo/service.log"));
        QVERIFY(log.open(QIODevice::WriteOnly));
        log.write("starting with token " + m_token + "\nTraceback: bad token " +
                  m_token.toBase64() + "\n");
        log.close();
        for (const char* name : {"read_service_log", "check_log"}) {
            const ToolResult lines =
                callToolWithState(*m_tools->find(name), {{"id", "log"}, {"expect_text", "token"}},
                                  state(), m_workspace.path());
            const std::string text = lines.output.dump() + lines.stateUpdate.dump();
            QVERIFY2(text.find("[secret bot:clock]") != std::string::npos, text.c_str());
            QVERIFY2(text.find(m_token.toStdString()) == std::string::npos, text.c_str());
            QVERIFY2(text.find(m_token.toBase64().toStdString()) == std::string::npos,
                     text.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TestSecretScrub)
#include "tst_secret_scrub.moc"
