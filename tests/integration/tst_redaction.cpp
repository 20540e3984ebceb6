// The last line of defence: a secret value that got past everything else — a model that
// writes it into a file and reads it back, code that logs it, a message that quotes it —
// never reaches a model request, a stored step, event or journal entry, a report, a log line
// or a Telegram message. Each sink is read from outside for the value in every encoding.

#include "FakeTelegramServer.h"
#include "HostileReplies.h"
#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "UnprivilegedRerun.h"
#include "core/Log.h"
#include "core/Redaction.h"
#include "store/RunStore.h"
#include "telegram/TelegramApi.h"
#include "vault/Vault.h"

#include <QDirIterator>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <mutex>
#include <spdlog/sinks/ostream_sink.h>
#include <sstream>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kToken = "tok-redaction-7f3a91c2e5";

QList<QByteArray> encodings(const QByteArray& value)
{
    return {value, value.toBase64(), value.toHex(), value.toBase64(QByteArray::Base64UrlEncoding)};
}

} // namespace

class TestRedaction : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    std::ostringstream m_logLines;
    spdlog::sink_ptr m_logSink;

    static QStringList leaks(const QString& where, const QByteArray& text)
    {
        QStringList found;
        for (const QByteArray& form : encodings(kToken))
            if (text.contains(form))
                found << where + ": " + QString::fromLatin1(form.left(10));
        return found;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_fake.listen());
        log::setLevel("debug");
        m_logSink = std::make_shared<spdlog::sinks::ostream_sink_mt>(m_logLines);
        log::addSink(m_logSink);
    }

    void cleanupTestCase()
    {
        log::removeSink(m_logSink);
        log::setLevel("warn");
    }

    void aValueThatGotPastEverythingIsKeptNowhere()
    {
        m_fake.reset();
        TestEngine t(m_fake.server, false, 2, 5000, [](EngineOptions& o) {
            o.vaultKeyFile = QDir::cleanPath(o.workspaceRoot + QStringLiteral("/../vault.key"));
        });
        QVERIFY(t.engine);
        auto vault = inside(*t.engine).vault();
        QVERIFY2(vault, qPrintable(vault.error()));
        QVERIFY(vault.value()->put("bot:weather", kToken).ok());
        QVERIFY(redaction::active());

        // A model that somehow knows the value: it writes it, in several encodings, and reads
        // it back, so the tool result carries it to the next request, the step and the events.
        const std::string content =
            (kToken + "\n" + kToken.toBase64() + "\n" + kToken.toHex()).toStdString();
        m_fake.model.script(
            "a", {FakeReply::openAiToolCalls(
                      {toolCall("write_file", {{"path", "notes.txt"}, {"content", content}}, "w"),
                       toolCall("read_file", {{"path", "notes.txt"}}, "r")}),
                  FakeReply::openAiText("done: " + kToken.toStdString())});
        const RunRecord run = t.runToEnd(everyToolGraph(), "keep a note");
        QVERIFY2(run.status == RunStatus::Completed, qPrintable(run.reason));
        log::get("tools")->warn("a careless line with {}", kToken.constData());

        QStringList found;
        const QList<RecordedRequest> requests = m_fake.server.requests();
        QVERIFY(requests.size() >= 2);
        for (int i = 0; i < requests.size(); ++i)
            found << leaks(QStringLiteral("model request %1").arg(i), requests[i].body);
        QVERIFY2(requests.last().body.contains("[secret bot:weather]"),
                 requests.last().body.left(2000).constData());
        RunStore& store = inside(*t.engine).store();
        for (const Checkpoint& checkpoint : store.checkpoints(run.id).value())
            found << leaks("a checkpoint", QByteArray::fromStdString(checkpoint.state.dump() +
                                                                     checkpoint.cursor.dump()));
        for (const RunEvent& event : store.events(run.id).value())
            found << leaks("an event", QByteArray::fromStdString(event.payload.dump()));
        const auto report = store.report(run.id);
        QVERIFY(report);
        found << leaks("the stored report", report->second.toUtf8());
        QDirIterator files(t.dir.filePath("reports"), QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            const QString path = files.next();
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            found << leaks(path, file.readAll());
        }
        found << leaks("the log", QByteArray::fromStdString(m_logLines.str()));
        QVERIFY(m_logLines.str().find("[secret bot:weather]") != std::string::npos);
        QVERIFY2(found.isEmpty(), qPrintable(found.join("\n")));

        // The workspace keeps what the model wrote: redaction is for what leaves, not for files.
        QFile notes(store.project(run.projectId)->workspace + "/notes.txt");
        QVERIFY(notes.open(QIODevice::ReadOnly));
        QVERIFY(notes.readAll().contains(kToken));
    }

    void aChatMessageNeverCarriesTheValue()
    {
        QVERIFY(redaction::active()); // set by the vault of the test before
        FakeTelegramServer telegram("111:chat-token");
        QVERIFY(telegram.listen());
        TelegramApi api(telegram.baseUrl(), "111:chat-token", nullptr);
        bool answered = false;
        api.call("sendMessage",
                 {{"chat_id", 42}, {"text", "the bot answered with " + kToken.toStdString()}},
                 [&](Json, std::optional<TelegramError>) { answered = true; });
        QTRY_VERIFY_WITH_TIMEOUT(answered, 5000);
        api.upload("sendDocument", {{"chat_id", "42"}, {"caption", QString::fromLatin1(kToken)}},
                   "document", "report.md", "# Report\n" + kToken.toBase64() + "\n",
                   [&](Json, std::optional<TelegramError>) { answered = false; });
        QTRY_VERIFY_WITH_TIMEOUT(!answered, 5000);
        QStringList found;
        for (const BotCall& call : telegram.calls())
            found << leaks(call.method,
                           QByteArray::fromStdString(call.params.dump()) + call.document);
        QVERIFY2(found.isEmpty(), qPrintable(found.join("\n")));
        QVERIFY(telegram.said(42, "[secret bot:weather]"));
    }

    void theSameHoldsWhenTheOrchestratorIsNotRoot()
    {
        if (geteuid() != 0 || insideUnprivilegedRerun())
            QSKIP("already unprivileged");
        const Rerun rerun = rerunAsNobody(60000);
        QVERIFY2(rerun.finished && rerun.exitCode == 0, rerun.output.constData());
        QVERIFY2(rerun.output.contains(
                     "PASS   : TestRedaction::aValueThatGotPastEverythingIsKeptNowhere"),
                 rerun.output.constData());
    }
};

QTEST_GUILESS_MAIN(TestRedaction)
#include "tst_redaction.moc"
