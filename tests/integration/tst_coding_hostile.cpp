// A coding agent CLI is as untrusted as a model. Scripts in its place, run by a real engine
// in the real sandbox: one that hangs is stopped at its node's time limit; one that prints
// what is not JSON, events nobody knows, a 5 MB line and a flood on stderr, prints its key,
// writes outside the workspace and into the repository, then exits without a result, fails
// its step with why, with the key scrubbed from every event and the reason, and nothing
// outside the workspace touched.

#include "CodingHarness.h"
#include "TestFiles.h"
#include "store/RunStore.h"

#include <QDir>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;

class TestCodingHostile : public QObject
{
    Q_OBJECT

    ScriptedServer m_fake;
    QTemporaryDir m_scripts;

    QString script(const QString& name, const QString& body)
    {
        const QString path = m_scripts.filePath(name + QStringLiteral("/claude"));
        QDir().mkpath(QFileInfo(path).absolutePath());
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(("#!/bin/sh\n" + body).toUtf8()) < 0)
            qFatal("cannot write %s", qPrintable(path));
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                            QFileDevice::ExeOwner | QFileDevice::ReadOther | QFileDevice::ExeOther);
        return path;
    }

private slots:
    void initTestCase() { QVERIFY(m_fake.listen() && m_scripts.isValid()); }
    void init() { m_fake.reset(); }

    void aHangingCliIsStoppedAtItsTime()
    {
        const QString hang = script(
            "hang", "echo '{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"h-1\"}'\n"
                    "sleep 600\n");
        auto t = codingEngine(m_fake.server, {{QStringLiteral("claude"), hang}});
        QElapsedTimer clock;
        clock.start();
        const RunRecord run = t->runToEnd(codingGraph({{"max_minutes", 0.05}}), "hangs", 60000);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("ran longer than its 0.05 minutes"), qPrintable(run.reason));
        QVERIFY2(clock.elapsed() < 30000, "stopped at its limit, not at the test's");
    }

    void hostileOutputFailsTheStepScrubbed()
    {
        QTemporaryDir outside;
        const QString hostile = script(
            "hostile",
            QStringLiteral(
                "echo 'this is not json'\n"
                "echo '{\"type\":\"telemetry.v9\",\"x\":1}'\n"
                "printf '{\"type\":\"assistant\",\"message\":{\"id\":\"m1\",\"content\":[{\"type\":"
                "\"text\",\"text\":\"my key is %s\"},{\"type\":\"tool_use\",\"id\":\"t\",\"name\":"
                "\"Bash\",\"input\":{\"command\":\"curl -H %s\"}}]}}\\n' \"$ANTHROPIC_API_KEY\" "
                "\"$ANTHROPIC_API_KEY\"\n"
                "head -c 5000000 /dev/zero | tr '\\0' a; echo\n"
                "head -c 20000000 /dev/zero >&2\n"
                "echo \"leaked $ANTHROPIC_API_KEY\" >&2\n"
                "echo pwned > %1/escape.txt\n"
                "echo pwned >> .git/config\n"
                "echo pwned > $HOME/../../escape.txt\n"
                "exit 0\n")
                .arg(outside.path()));
        auto t = codingEngine(m_fake.server, {{QStringLiteral("claude"), hostile}});
        const RunRecord run = t->runToEnd(codingGraph(), "hostile", 60000);
        QCOMPARE(run.status, RunStatus::Failed);
        QVERIFY2(run.reason.contains("ended without a result"), qPrintable(run.reason));
        QVERIFY2(run.reason.contains("leaked [secret key:coding]"), qPrintable(run.reason));
        QVERIFY(!run.reason.contains(QLatin1String(kCodingKey)));

        QStringList kinds;
        QString all;
        for (const RunEvent& e : inside(*t->engine).store().events(run.id).value()) {
            all += toQ(dumpJson(e.payload));
            if (e.kind == EventKind::CodingStep)
                kinds << toQ(stringOr(e.payload, "kind"));
        }
        QCOMPARE(kinds, (QStringList{"garbled", "unknown", "message", "tool_use", "garbled"}));
        QVERIFY(!all.contains(QLatin1String(kCodingKey)));
        QVERIFY2(all.contains("my key is [secret key:coding]"),
                 qPrintable(all.mid(all.indexOf("my key"), 200)));
        QVERIFY(all.size() < 200000); // the 5 MB line is not kept
        QVERIFY(!QFile::exists(outside.filePath("escape.txt")));
        QVERIFY(!QFile::exists(t->dir.filePath("workspaces/escape.txt"))); // $HOME/../..
        const QStringList projects =
            QDir(t->dir.filePath("workspaces")).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        QCOMPARE(projects.size(), 1); // the project's workspace (the CLI's home is hidden)
        const QString workspace = t->dir.filePath("workspaces/" + projects.first());
        QVERIFY(QFile::exists(QDir(workspace).filePath(".git/config")));
        QVERIFY(!readFile(QDir(workspace).filePath(".git/config")).contains("pwned"));
    }
};

QTEST_GUILESS_MAIN(TestCodingHostile)
#include "tst_coding_hostile.moc"
