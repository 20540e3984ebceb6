// Workspace file tools: they work inside the workspace and refuse every way out of it.

#include "JsonCompare.h"
#include "ToolHarness.h"
#include "tools/FileTools.h"
#include "tools/PatchTool.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestWorkspaceTools : public QObject
{
    Q_OBJECT

    QTemporaryDir m_outside;
    std::unique_ptr<QTemporaryDir> m_dir;
    ReadFileTool m_read;
    WriteFileTool m_write;
    ListFilesTool m_list;
    SearchFilesTool m_search;
    PatchTool m_patch;

    QString ws() const { return m_dir->path(); }
    QByteArray fileContent(const QString& relative) const
    {
        QFile file(m_dir->filePath(relative));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<missing>");
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QFile secret(m_outside.filePath("secret.txt"));
        QVERIFY(secret.open(QIODevice::WriteOnly));
        secret.write("outside");
    }

    void writeThenRead()
    {
        ToolResult written =
            callTool(m_write, {{"path", "src/app/main.py"}, {"content", "print('hi')\n"}}, ws());
        QVERIFY2(written.ok, errorOf(written).c_str());
        QCOMPARE(fileContent("src/app/main.py"), QByteArray("print('hi')\n"));
        ToolResult read = callTool(m_read, {{"path", "src/app/main.py"}}, ws());
        QCOMPARE(read.output["content"], "print('hi')\n");
        QVERIFY(!callTool(m_read, {{"path", "nope.txt"}}, ws()).ok);
        QVERIFY(!callTool(m_write, {{"path", "a.txt"}}, ws()).ok); // no content
        QVERIFY(!callTool(m_write, {{"path", "a.txt"}, {"content", 3}}, ws()).ok);
    }

    void refusesPathsThatLeave_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("parent") << "../secret.txt";
        QTest::newRow("nested parent") << "src/../../secret.txt";
        QTest::newRow("absolute") << "/etc/passwd";
        QTest::newRow("home") << "~/.bashrc";
        QTest::newRow("symlink to a folder outside") << "out/secret.txt";
        QTest::newRow("symlink to a file outside") << "link.txt";
        QTest::newRow("new file through a symlinked folder") << "out/new.txt";
        QTest::newRow("dangling symlink outside") << "dangling.txt";
        QTest::newRow("a chain of two symlinks") << "chain.txt";
        QTest::newRow("a chain through a folder link") << "hop/next.txt";
        QTest::newRow("a symlink loop") << "loop.txt";
        QTest::newRow("the repository's config") << ".git/config";
        QTest::newRow("a link into .git") << "g/hooks/pre-commit";
    }

    void refusesPathsThatLeave()
    {
        QFETCH(QString, path);
        QVERIFY(QFile::link(m_outside.path(), m_dir->filePath("out")));
        QVERIFY(QFile::link(m_outside.filePath("secret.txt"), m_dir->filePath("link.txt")));
        QVERIFY(QFile::link(m_outside.filePath("not-yet.txt"), m_dir->filePath("dangling.txt")));
        // chain.txt -> step.txt (inside, dangling) -> outside: each hop counts.
        QVERIFY(QFile::link(m_outside.filePath("chained.txt"), m_dir->filePath("step.txt")));
        QVERIFY(QFile::link("step.txt", m_dir->filePath("chain.txt")));
        QVERIFY(QFile::link("step.txt", m_dir->filePath("hop")));
        QVERIFY(QFile::link("loop.txt", m_dir->filePath("loop.txt")));
        QVERIFY(QDir(ws()).mkpath(".git/hooks"));
        QVERIFY(QFile::link(".git", m_dir->filePath("g")));
        ToolResult read = callTool(m_read, {{"path", toStd(path)}}, ws());
        QVERIFY(!read.ok);
        QVERIFY2(errorOf(read).find("workspace") != std::string::npos, errorOf(read).c_str());
        ToolResult write = callTool(m_write, {{"path", toStd(path)}, {"content", "pwned"}}, ws());
        QVERIFY(!write.ok);
        QFile secret(m_outside.filePath("secret.txt"));
        QVERIFY(secret.open(QIODevice::ReadOnly));
        QCOMPARE(secret.readAll(), QByteArray("outside"));
        QVERIFY(!QFile::exists(m_outside.filePath("new.txt")));
        QVERIFY(!QFile::exists(m_outside.filePath("not-yet.txt")));
        QVERIFY(!QFile::exists(m_outside.filePath("chained.txt")));
        QVERIFY(!QFile::exists(m_dir->filePath(".git/hooks/pre-commit")));
        QVERIFY(!QFile::exists(m_dir->filePath(".git/config")));
    }

    void symlinkInsideIsFine()
    {
        QDir(ws()).mkpath("real");
        QVERIFY(QFile::link(m_dir->filePath("real"), m_dir->filePath("alias")));
        QVERIFY(callTool(m_write, {{"path", "alias/f.txt"}, {"content", "ok"}}, ws()).ok);
        QCOMPARE(fileContent("real/f.txt"), QByteArray("ok"));
    }

    void listsAndSearches()
    {
        callTool(m_write, {{"path", "b.py"}, {"content", "def health():\n    return 'ok'\n"}},
                 ws());
        callTool(m_write, {{"path", "src/a.py"}, {"content", "x = 1\n"}}, ws());
        QDir(ws()).mkpath(".git");
        QFile(m_dir->filePath(".git/HEAD")).open(QIODevice::WriteOnly);
        ToolResult list = callTool(m_list, Json::object(), ws());
        QCOMPARE(list.output["files"], Json({"b.py", "src/a.py"}));
        ToolResult found = callTool(m_search, {{"pattern", "return '\\w+'"}}, ws());
        QCOMPARE(found.output["matches"].size(), size_t(1));
        QCOMPARE(found.output["matches"][0]["path"], "b.py");
        QCOMPARE(found.output["matches"][0]["line"], 2);
        QVERIFY(!callTool(m_search, {{"pattern", "("}}, ws()).ok);
        QVERIFY(!callTool(m_list, {{"path", "../"}}, ws()).ok);
    }

    void appliesAPatchAllOrNothing()
    {
        callTool(m_write, {{"path", "app.py"}, {"content", "a\nb\nc\nd\n"}}, ws());
        callTool(m_write, {{"path", "old.txt"}, {"content", "bye\n"}}, ws());
        const std::string good = "--- a/app.py\n+++ b/app.py\n@@ -1,4 +1,4 @@\n a\n-b\n+B\n c\n d\n"
                                 "--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1,2 @@\n+hello\n+world\n"
                                 "--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-bye\n";
        ToolResult applied = callTool(m_patch, {{"diff", good}}, ws());
        QVERIFY2(applied.ok, errorOf(applied).c_str());
        QCOMPARE(fileContent("app.py"), QByteArray("a\nB\nc\nd\n"));
        QCOMPARE(fileContent("new.txt"), QByteArray("hello\nworld\n"));
        QVERIFY(!QFile::exists(m_dir->filePath("old.txt")));

        const std::string bad = "--- /dev/null\n+++ b/other.txt\n@@ -0,0 +1 @@\n+x\n"
                                "--- a/app.py\n+++ b/app.py\n@@ -1,2 +1,2 @@\n a\n-zzz\n+y\n";
        ToolResult refused = callTool(m_patch, {{"diff", bad}}, ws());
        QVERIFY(!refused.ok);
        QVERIFY2(errorOf(refused).find("hunk 1 does not apply") != std::string::npos,
                 errorOf(refused).c_str());
        QVERIFY(!QFile::exists(m_dir->filePath("other.txt"))); // nothing was written
        QCOMPARE(fileContent("app.py"), QByteArray("a\nB\nc\nd\n"));
        QVERIFY(!callTool(m_patch, {{"diff", "not a diff"}}, ws()).ok);
        QVERIFY(
            !callTool(m_patch, {{"diff", "--- a/../x\n+++ b/../x\n@@ -1 +1 @@\n-a\n+b\n"}}, ws())
                 .ok);
    }
};

QTEST_GUILESS_MAIN(TestWorkspaceTools)
#include "tst_workspace_tools.moc"
