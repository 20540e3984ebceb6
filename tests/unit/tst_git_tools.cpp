// Git tools over libgit2 on real repositories: commit, status, log, diff, branch, and a push
// to a local bare repository (the project's origin), plus their refusals.

#include "JsonCompare.h"
#include "ToolHarness.h"
#include "tools/FileTools.h"
#include "tools/ToolRegistry.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

class TestGitTools : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ToolRegistry> m_tools;

    QString workspace(const char* name) const
    {
        return m_dir.filePath(QStringLiteral("ws/") + name);
    }
    ToolResult call(const char* tool, const Json& arguments, const QString& ws)
    {
        return callTool(*m_tools->find(QLatin1String(tool)), arguments, ws);
    }

private slots:
    void initTestCase()
    {
        ToolSettings settings;
        settings.git.remoteRoot = m_dir.filePath("remotes");
        settings.git.authorName = "Test Author";
        m_tools = ToolRegistry::withBuiltins(settings);
    }

    void commitLogStatusDiff()
    {
        const QString ws = workspace("p1");
        QDir().mkpath(ws);
        QVERIFY(call("write_file", {{"path", "app.py"}, {"content", "print(1)\n"}}, ws).ok);
        ToolResult status = call("git_status", Json::object(), ws);
        QCOMPARE(status.output["changes"], Json({"A app.py"}));
        ToolResult first = call("git_commit", {{"message", "Initial service"}}, ws);
        QVERIFY2(first.ok, errorOf(first).c_str());
        const std::string sha = first.output["commit"];
        QCOMPARE(sha.size(), size_t(40));
        QCOMPARE(first.stateUpdate["repo"]["last_commit"], sha);
        QCOMPARE(first.stateUpdate["repo"]["branch"], "main");

        ToolResult nothing = call("git_commit", {{"message", "again"}}, ws);
        QVERIFY(!nothing.ok);
        QVERIFY(errorOf(nothing).find("nothing to commit") != std::string::npos);

        call("write_file", {{"path", "app.py"}, {"content", "print(2)\n"}}, ws);
        ToolResult diff = call("git_diff", Json::object(), ws);
        QVERIFY(diff.output["diff"].get<std::string>().find("+print(2)") != std::string::npos);
        QVERIFY(call("git_commit", {{"message", "Second"}}, ws).ok);
        ToolResult log = call("git_log", {{"limit", 5}}, ws);
        QCOMPARE(log.output["commits"].size(), size_t(2));
        QCOMPARE(log.output["commits"][0]["summary"], "Second");
        QCOMPARE(log.output["commits"][1]["author"], "Test Author");
        QVERIFY(!call("git_commit", Json::object(), ws).ok); // no message
    }

    void pushesToTheProjectsBareRemote()
    {
        const QString ws = workspace("p2");
        QDir().mkpath(ws);
        call("write_file", {{"path", "README.md"}, {"content", "# p2\n"}}, ws);
        ToolResult commit = call("git_commit", {{"message", "Readme"}}, ws);
        QVERIFY(commit.ok);
        QVERIFY(call("git_branch", {{"name", "feature"}}, ws).ok);
        call("write_file", {{"path", "x.txt"}, {"content", "x\n"}}, ws);
        ToolResult second = call("git_commit", {{"message", "On feature"}}, ws);
        ToolResult pushed = call("git_push", Json::object(), ws);
        QVERIFY2(pushed.ok, errorOf(pushed).c_str());
        QCOMPARE(pushed.output["branch"], "feature");
        QCOMPARE(pushed.stateUpdate["repo"]["pushed"], second.output["commit"]);

        QVERIFY(GitRepository::openBare(m_dir.filePath("remotes/p2.git")).ok());
        QFile ref(m_dir.filePath("remotes/p2.git/refs/heads/feature"));
        QVERIFY(ref.open(QIODevice::ReadOnly));
        QCOMPARE(ref.readAll().trimmed().toStdString(), second.output["commit"].get<std::string>());
    }

    void hostedRemoteFromTemplateAndTokenOnlyInTheCallback()
    {
        ToolSettings settings;
        settings.git.remoteUrlTemplate = "https://127.0.0.1:9/acme/{project}.git";
        bool tokenAsked = false;
        settings.git.pushToken = [&tokenAsked] {
            tokenAsked = true;
            return QByteArray("ghp_secret_token_123");
        };
        auto tools = ToolRegistry::withBuiltins(settings);
        const QString ws = workspace("proj42");
        QDir().mkpath(ws);
        callTool(*tools->find("write_file"), {{"path", "a"}, {"content", "a"}}, ws);
        ToolResult commit = callTool(*tools->find("git_commit"), {{"message", "a"}}, ws);
        QCOMPARE(commit.stateUpdate["repo"]["remote"], "https://127.0.0.1:9/acme/proj42.git");
        ToolResult pushed =
            callTool(*tools->find("git_push"), Json::object(), ws); // nothing listens there
        QVERIFY(!pushed.ok);
        QVERIFY(tokenAsked);
        QVERIFY(pushed.output.dump().find("ghp_secret_token_123") == std::string::npos);
        QVERIFY(commit.stateUpdate.dump().find("ghp_secret_token_123") == std::string::npos);

        // Plain HTTP, or credentials in the URL, are refused before anything is sent.
        for (const char* url : {"http://127.0.0.1:9/acme/{project}.git",
                                "https://user:pw@127.0.0.1:9/acme/{project}.git"}) {
            ToolSettings plain;
            plain.git.remoteUrlTemplate = url;
            plain.git.pushToken = [] { return QByteArray("ghp_secret_token_123"); };
            auto refusing = ToolRegistry::withBuiltins(plain);
            const QString other = workspace(url[4] == ':' ? "plain-http" : "with-user");
            QDir().mkpath(other);
            callTool(*refusing->find("write_file"), {{"path", "a"}, {"content", "a"}}, other);
            ToolResult refused = callTool(*refusing->find("git_push"), Json::object(), other);
            QVERIFY(!refused.ok);
            QVERIFY2(errorOf(refused).find("https") != std::string::npos, errorOf(refused).c_str());
            QVERIFY(refused.output.dump().find("pw@") == std::string::npos);
        }
    }

    void theTokenGoesOnlyToTheConfiguredHostOverHttps()
    {
        QVERIFY(GitRepository::credentialsAllowed("https://github.com/acme/p.git", "github.com"));
        QVERIFY(GitRepository::credentialsAllowed("https://GitHub.com/x", "github.com"));
        QVERIFY(!GitRepository::credentialsAllowed("http://github.com/acme/p.git", "github.com"));
        QVERIFY(!GitRepository::credentialsAllowed("https://evil.example/p.git", "github.com"));
        QVERIFY(
            !GitRepository::credentialsAllowed("https://github.com.evil.example/p", "github.com"));
        QVERIFY(!GitRepository::credentialsAllowed("ssh://github.com/p", "github.com"));
        QVERIFY(!GitRepository::credentialsAllowed("https://github.com/p", ""));
        QVERIFY(!GitRepository::credentialsAllowed("not a url", "github.com"));
    }

    void aRepointedOriginIsNotWherePushesGo()
    {
        const QString ws = workspace("p4");
        QDir().mkpath(ws);
        call("write_file", {{"path", "a.txt"}, {"content", "a\n"}}, ws);
        ToolResult commit = call("git_commit", {{"message", "A"}}, ws);
        QVERIFY(commit.ok);
        // What a command in the workspace could do: point origin at a repository of its own.
        const QString attacker = m_dir.filePath("attacker.git");
        QVERIFY(GitRepository::initBare(attacker).ok());
        QVERIFY(GitRepository::open(ws, false).value()->setRemote("origin", attacker).ok());
        ToolResult pushed = call("git_push", Json::object(), ws);
        QVERIFY2(pushed.ok, errorOf(pushed).c_str());
        QVERIFY(QFile::exists(m_dir.filePath("remotes/p4.git/refs/heads/main")) ||
                QFile::exists(m_dir.filePath("remotes/p4.git/refs/heads/master")));
        QVERIFY(QDir(attacker + "/refs/heads").isEmpty());
        QCOMPARE(pushed.stateUpdate["repo"]["remote"],
                 m_dir.filePath("remotes/p4.git").toStdString());
    }

    void pushWithoutARemoteFailsClearly()
    {
        ToolSettings settings; // no remote root: no origin
        auto tools = ToolRegistry::withBuiltins(settings);
        const QString ws = workspace("p3");
        QDir().mkpath(ws);
        callTool(*tools->find("write_file"), {{"path", "a"}, {"content", "a"}}, ws);
        QVERIFY(callTool(*tools->find("git_commit"), {{"message", "a"}}, ws).ok);
        ToolResult pushed = callTool(*tools->find("git_push"), Json::object(), ws);
        QVERIFY(!pushed.ok);
        QVERIFY2(errorOf(pushed).find("no remote") != std::string::npos, errorOf(pushed).c_str());

        // An origin written into the workspace's config does not make one.
        auto repository = GitRepository::open(ws, false);
        QVERIFY(repository.value()->setRemote("origin", m_dir.filePath("missing/remote.git")).ok());
        ToolResult missing = callTool(*tools->find("git_push"), Json::object(), ws);
        QVERIFY(!missing.ok);
        QVERIFY2(errorOf(missing).find("no remote") != std::string::npos, errorOf(missing).c_str());
    }
};

QTEST_GUILESS_MAIN(TestGitTools)
#include "tst_git_tools.moc"
