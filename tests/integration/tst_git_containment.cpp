// The workspace's git belongs to the orchestrator. A model that runs commands in its
// workspace plants what libgit2 would obey — a `.git` file or link into another project's
// repository, borrowed objects, links inside `.git`, core.worktree, URL rewriting, filter
// drivers, hooks, include.path — and then calls the git tools. Each attack is judged from
// outside: the other repository's HEAD, a marker file no hook or filter may create, the
// remote the push may not reach, bytes that may not appear in any result. And the sandbox
// cannot rewrite a repository the orchestrator made.

#include "ToolHarness.h"
#include "UnprivilegedRerun.h"
#include "tools/ToolRegistry.h"
#include "workspace/GitRepository.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

using namespace orch;
using namespace orch::test;

namespace {

constexpr const char* kSecret = "vault-key-bytes-for-git-7c1e";

QByteArray fileHash(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly)
               ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
               : QByteArray();
}

} // namespace

class TestGitContainment : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<ToolRegistry> m_tools;
    QString m_victim; // another project's workspace, with a repository of its own
    QString m_victimHead;

    ToolResult call(const char* tool, const Json& arguments, const QString& ws)
    {
        return callTool(*m_tools->find(QLatin1String(tool)), arguments, ws);
    }
    QString workspace(const QString& name)
    {
        const QString ws = m_dir.filePath("workspaces/" + name);
        QDir().mkpath(ws);
        return ws;
    }
    // What the model runs in its workspace, through run_command (in the sandbox).
    ToolResult plant(const QString& ws, const QString& python)
    {
        return call("run_command", {{"argv", {"python3", "-c", python.toStdString()}}}, ws);
    }
    // A repository the sandbox makes itself where there was none, with `config` appended and
    // `more` run after, in one command (the next one finds the new .git read-only already).
    void plantRepository(const QString& ws, const QString& config, const QString& more)
    {
        ToolResult r = plant(ws, QStringLiteral("import subprocess\n"
                                                "subprocess.run(['git', 'init', '-q', '-b', "
                                                "'main'], check=True)\n"
                                                "open('.git/config', 'a').write('''%1''')\n")
                                         .arg(config) +
                                     more);
        QVERIFY2(r.ok, r.output.dump().c_str());
    }
    void victimUnchanged()
    {
        auto victim = GitRepository::open(m_victim, false);
        QVERIFY(victim);
        QCOMPARE(victim.value()->headSha().value(), m_victimHead);
        QVERIFY(victim.value()->status().value().isEmpty());
    }
    static std::string everything(const ToolResult& r)
    {
        return r.output.dump() + r.stateUpdate.dump();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QFile key(m_dir.filePath("vault.key"));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write(kSecret);
        key.close();
        ToolSettings settings;
        settings.git.remoteRoot = m_dir.filePath("remotes");
        settings.git.authorName = "Test Author";
        m_tools = ToolRegistry::withBuiltins(settings);
        m_victim = workspace("victim");
        QVERIFY(call("write_file", {{"path", "plans.txt"}, {"content", "victim plans\n"}}, m_victim)
                    .ok);
        ToolResult commit = call("git_commit", {{"message", "Victim's work"}}, m_victim);
        QVERIFY2(commit.ok, errorOf(commit).c_str());
        m_victimHead = QString::fromStdString(commit.output["commit"].get<std::string>());
    }

    void theSandboxCannotRewriteTheOrchestratorsRepository()
    {
        const QString ws = workspace("own");
        QVERIFY(call("write_file", {{"path", "a.py"}, {"content", "a = 1\n"}}, ws).ok);
        QVERIFY(call("git_commit", {{"message", "first"}}, ws).ok);
        const QByteArray config = fileHash(ws + "/.git/config");
        const QByteArray head = fileHash(ws + "/.git/HEAD");
        ToolResult r =
            plant(ws, "import os, shutil\nfor attempt in [\n"
                      "    lambda: open('.git/config', 'a').write('[core]\\n\\tworktree = /'),\n"
                      "    lambda: open('.git/HEAD', 'w').write('ref: refs/heads/evil'),\n"
                      "    lambda: os.rename('.git', 'moved'),\n"
                      "    lambda: shutil.rmtree('.git'),\n"
                      "    lambda: os.symlink('/', '.git/objects/escape')]:\n"
                      "    try:\n        attempt(); print('WROTE')\n"
                      "    except OSError as e:\n        print('refused', e.errno)\n");
        QVERIFY2(r.output.dump().find("WROTE") == std::string::npos, r.output.dump().c_str());
        QCOMPARE(fileHash(ws + "/.git/config"), config);
        QCOMPARE(fileHash(ws + "/.git/HEAD"), head);
        QVERIFY(QFileInfo(ws + "/.git").isDir());
        QVERIFY(call("git_log", {{"limit", 5}}, ws).ok);
    }

    void aGitFileIntoAnotherRepositoryIsRefused()
    {
        const QString ws = workspace("gitfile");
        QVERIFY(plant(ws, QStringLiteral("open('.git', 'w').write('gitdir: %1/.git\\n')\n"
                                         "open('stolen.txt', 'w').write('mine now')")
                              .arg(m_victim))
                    .ok);
        ToolResult r = call("git_commit", {{"message", "into the victim"}}, ws);
        QVERIFY(!r.ok);
        QVERIFY2(errorOf(r).find("is not a folder") != std::string::npos, errorOf(r).c_str());
        victimUnchanged();
    }

    void aLinkToAnotherRepositoryIsRefused()
    {
        const QString ws = workspace("gitlink");
        QVERIFY(plant(ws, QStringLiteral("import os\nos.symlink('%1/.git', '.git')\n"
                                         "open('stolen.txt', 'w').write('mine now')")
                              .arg(m_victim))
                    .ok);
        for (const char* tool : {"git_commit", "git_status", "git_log", "git_diff"}) {
            ToolResult r = call(tool, {{"message", "into the victim"}}, ws);
            QVERIFY(!r.ok);
            QVERIFY2(errorOf(r).find("symbolic link") != std::string::npos, errorOf(r).c_str());
        }
        victimUnchanged();
    }

    void borrowedObjectsAndLinksInsideGitAreRefused_data()
    {
        QTest::addColumn<QString>("python");
        QTest::addColumn<QString>("named");
        QTest::newRow("alternates")
            << QStringLiteral(
                   "open('.git/objects/info/alternates', 'w').write('%1/.git/objects\\n')")
            << "objects/info/alternates";
        QTest::newRow("commondir")
            << QStringLiteral("open('.git/commondir', 'w').write('%1/.git')") << "commondir";
        QTest::newRow("a linked ref")
            << QStringLiteral("import os\nos.makedirs('.git/refs/heads', exist_ok=True)\n"
                              "os.symlink('%1/.git/refs/heads/main', '.git/refs/heads/main')")
            << "symbolic link at .git/refs/heads/main";
        QTest::newRow("linked objects")
            << QStringLiteral("import os, shutil\nshutil.rmtree('.git/objects')\n"
                              "os.symlink('%1/.git/objects', '.git/objects')")
            << "symbolic link at .git/objects";
        QTest::newRow("a fifo") << QStringLiteral("import os\nos.mkfifo('.git/index')")
                                << "special file at .git/index";
    }

    void borrowedObjectsAndLinksInsideGitAreRefused()
    {
        QFETCH(QString, python);
        QFETCH(QString, named);
        const QString ws = workspace(QStringLiteral("borrow-%1")
                                         .arg(QTest::currentDataTag())
                                         .replace(QLatin1Char(' '), QLatin1Char('-')));
        plantRepository(ws, QString(),
                        python.contains(QLatin1String("%1")) ? python.arg(m_victim) : python);
        QVERIFY(call("write_file", {{"path", "x.txt"}, {"content", "x\n"}}, ws).ok);
        ToolResult r = call("git_commit", {{"message", "borrowing"}}, ws);
        QVERIFY(!r.ok);
        QVERIFY2(errorOf(r).find(named.toStdString()) != std::string::npos, errorOf(r).c_str());
        victimUnchanged();
    }

    void theRepositorysConfigurationSteersNothing()
    {
        const QString ws = workspace("steered");
        const QString elsewhere = m_dir.filePath("elsewhere");
        QDir().mkpath(elsewhere);
        QFile::copy(m_dir.filePath("vault.key"), elsewhere + "/secret.txt");
        const QString marker = m_dir.filePath("marker");
        const QString attacker = m_dir.filePath("attacker.git");
        QVERIFY(GitRepository::initBare(attacker).ok());
        const QString remotes = m_dir.filePath("remotes");
        const QString config =
            QStringLiteral("[core]\n\tworktree = %1\n\texcludesFile = %2\n"
                           "\tfsmonitor = touch %3-fsmonitor\n\thooksPath = hooks\n"
                           "\tattributesFile = %2\n[include]\n\tpath = %2\n"
                           "[filter \"evil\"]\n\tclean = touch %3-clean\n"
                           "\tsmudge = touch %3-smudge\n\tprocess = touch %3-process\n"
                           "[url \"%4\"]\n\tinsteadOf = %5\n\tpushInsteadOf = %5\n"
                           "[remote \"origin\"]\n\turl = %4\n\tpushurl = %4\n")
                .arg(elsewhere, m_dir.filePath("vault.key"), marker, attacker, remotes);
        plantRepository(
            ws, config,
            QStringLiteral("import os\nos.makedirs('hooks', exist_ok=True)\n"
                           "for name in ['pre-commit', 'post-commit', 'pre-push', "
                           "'reference-transaction']:\n"
                           "    for folder in ['hooks', '.git/hooks']:\n"
                           "        p = os.path.join(folder, name)\n"
                           "        open(p, 'w').write('#!/bin/sh\\ntouch %1-' + name + '\\n')\n"
                           "        os.chmod(p, 0o755)\n"
                           "open('.gitattributes', 'w').write('* filter=evil\\n')\n")
                .arg(marker));
        QVERIFY(call("write_file", {{"path", "app.py"}, {"content", "print('app')\n"}}, ws).ok);

        std::string seen;
        ToolResult status = call("git_status", Json::object(), ws);
        QVERIFY2(status.ok, errorOf(status).c_str());
        ToolResult commit = call("git_commit", {{"message", "steered"}}, ws);
        QVERIFY2(commit.ok, errorOf(commit).c_str());
        ToolResult diff = call("git_diff", Json::object(), ws);
        ToolResult log = call("git_log", {{"limit", 5}}, ws);
        ToolResult pushed = call("git_push", Json::object(), ws);
        QVERIFY2(pushed.ok, errorOf(pushed).c_str());
        for (const ToolResult* r : {&status, &commit, &diff, &log, &pushed})
            seen += everything(*r);

        // The work tree was the workspace: its files committed, nothing of elsewhere's.
        QVERIFY2(seen.find("app.py") != std::string::npos, seen.c_str());
        QVERIFY(seen.find("secret.txt") == std::string::npos);
        QVERIFY(seen.find(kSecret) == std::string::npos);
        // No filter, hook or monitor ran.
        const QStringList markers =
            QDir(m_dir.path()).entryList({QStringLiteral("marker*")}, QDir::Files);
        QVERIFY2(markers.isEmpty(), qPrintable(markers.join(", ")));
        // The push went where the settings say, not where the repository rewrote it.
        QVERIFY(QDir(attacker + "/refs/heads").isEmpty());
        auto origin = GitRepository::openBare(remotes + "/steered.git");
        QVERIFY(origin);
        QCOMPARE(origin.value()->headSha().value(),
                 QString::fromStdString(commit.output["commit"].get<std::string>()));
    }

    void theSameHoldsWhenTheOrchestratorIsNotRoot()
    {
        if (geteuid() != 0 || insideUnprivilegedRerun())
            QSKIP("already unprivileged");
        const Rerun rerun = rerunAsNobody(120000);
        QVERIFY2(rerun.finished && rerun.exitCode == 0, rerun.output.constData());
        QVERIFY2(rerun.output.contains(
                     "PASS   : TestGitContainment::theRepositorysConfigurationSteersNothing"),
                 rerun.output.constData());
    }
};

QTEST_GUILESS_MAIN(TestGitContainment)
#include "tst_git_containment.moc"
