// Deploying what people ask for, for real (ansible-playbook, Caddy, the sandbox): a service
// with a dependency installed by pip from a package index the test serves, a failed install
// whose pip output reaches the Developer, a dependency file that tries to reach elsewhere,
// the bundled Telegram bot template answering through the local Bot API stand-in, a bot
// without its token, and the worker template alive and rolled back when it crashes.

#include "DeployHarness.h"
#include "FakeTelegramServer.h"
#include "JsonCompare.h"
#include "LocalPorts.h"
#include "PackageIndex.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kBotToken = "777:deploy-kinds-token";

const QByteArray kServiceWithDependency = R"(import json, os
from http.server import BaseHTTPRequestHandler, HTTPServer
import tinyclock

class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = json.dumps({"status": "ok", "version": os.environ["APP_VERSION"],
                           "dependency": tinyclock.stamp()}).encode()
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

HTTPServer(("127.0.0.1", int(os.environ["PORT"])), Handler).serve_forever()
)";

} // namespace

class TestDeployKinds : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    PackageIndex m_index;
    FakeTelegramServer m_telegram{kBotToken};
    DeploySettings m_settings;
    int m_port = 0;

    DeployHarness m_harness{m_dir.path()};

    QString commit(const QString& project, const std::map<QString, QByteArray>& files)
    {
        return m_harness.commit(project, files);
    }
    static std::map<QString, QByteArray> bundled(const QString& name)
    {
        return DeployHarness::bundled(name);
    }
    DeployOutcome deploy(const QString& project, std::map<QString, QByteArray> env = {})
    {
        return m_harness.deploy(project, std::move(env), m_port);
    }
    bool teardown(const QString& name) { return m_harness.teardown(name); }
    // A failed deploy's reason with the end of the service's log, which says why it stopped.
    QByteArray explained(const DeployOutcome& outcome, const QString& name) const
    {
        QFile log(m_dir.filePath("root/" + name + "/service.log"));
        const QByteArray tail = log.open(QIODevice::ReadOnly) ? log.readAll().right(2000) : "";
        return outcome.reason.toUtf8() + "\nthe service's log ends:\n" + tail;
    }
    // The file of a release's environment whose path ends with `suffix` ("" when none).
    QString moduleFile(const QString& name, const QString& release, const QString& suffix) const
    {
        QDirIterator it(m_dir.filePath("root/" + name + "/releases/" + release + "/.venv"),
                        QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext())
            if (const QString path = it.next(); path.endsWith(suffix))
                return path;
        return {};
    }
    static quint64 inode(const QString& path)
    {
        struct stat info
        {
        };
        return ::stat(QFile::encodeName(path).constData(), &info) == 0 ? info.st_ino : 0;
    }
    QString current(const QString& name) const
    {
        return QFileInfo(QFileInfo(m_dir.filePath("root/" + name + "/current")).symLinkTarget())
            .fileName();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        qRegisterMetaType<orch::DeployOutcome>();
        QCOMPARE(m_index.addPackage("tinyclock", "1.0", "def stamp():\n    return 'tiny-1.0'\n"),
                 QString());
        QCOMPARE(m_index.start(), QString());
        QVERIFY(m_telegram.listen());
        m_settings.deployRoot = m_dir.filePath("root");
        m_settings.httpPort = freePort();
        m_settings.httpsPort = freePort();
        m_settings.healthTimeoutMs = 8000;
        m_settings.python.indexUrl = m_index.url();
        m_settings.python.installTimeoutS = 120;
        m_settings.telegramApiBase = m_telegram.baseUrl().toString();
        m_harness.start(m_settings);
        m_port = freePort();
    }

    void aServiceWithADependencyDeploys()
    {
        const QString release =
            commit("deps", {{"app.py", kServiceWithDependency},
                            {"requirements.txt", "# from the index\ntinyclock==1.0\n"},
                            {"deploy.json", R"({"kind": "http-service", "entry": ["python3",
                               "app.py"], "dependencies": "requirements.txt"})"}});
        const DeployOutcome outcome = deploy("deps");
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.running, release);
        QCOMPARE(parseJson(outcome.healthBody)["dependency"], "tiny-1.0");
        QVERIFY(outcome.dependenciesMs > 0);
        qInfo("virtualenv and pip install: %lld ms", outcome.dependenciesMs);
        // The release has its own environment, linked to the system's Python, not copied.
        const QString python =
            m_dir.filePath("root/deps/releases/" + release + "/.venv/bin/python3");
        QVERIFY(QFileInfo(python).isSymLink());
    }

    // Same requirements, same index, same Python: the release before lends its environment
    // (hard links), and pip does not run. Its health answer proves the dependency is there.
    void aNewCommitWithTheSameRequirementsBorrowsTheEnvironment()
    {
        const QString before = current("deps");
        const QString release = commit("deps", {{"app.py", kServiceWithDependency + "# v2\n"}});
        const DeployOutcome outcome = deploy("deps");
        QVERIFY2(outcome.ok, explained(outcome, "deps").constData());
        QCOMPARE(outcome.running, release);
        QVERIFY(outcome.dependenciesReused);
        QCOMPARE(outcome.dependenciesMs, qint64(0));
        QCOMPARE(parseJson(outcome.healthBody)["dependency"], "tiny-1.0");
        const QString module = moduleFile("deps", before, "tinyclock/__init__.py");
        QVERIFY2(!module.isEmpty(), "the first release has no tinyclock");
        const QString borrowed = moduleFile("deps", release, "tinyclock/__init__.py");
        QCOMPARE(inode(borrowed), inode(module));

        // The same release again: in place already, nothing to install or copy.
        const DeployOutcome again = deploy("deps");
        QVERIFY2(again.ok, explained(again, "deps").constData());
        QVERIFY(!again.dependenciesReused);
        QCOMPARE(again.dependenciesMs, qint64(0));
    }

    void anInstallFailureReachesTheDeveloper()
    {
        const QString before = current("deps");
        commit("deps", {{"requirements.txt", "tinyclock==1.0\nnosuchpackage==9.9\n"}});
        const DeployOutcome outcome = deploy("deps");
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("installing the dependencies failed") &&
                     outcome.reason.contains("nosuchpackage"),
                 qPrintable(outcome.reason));
        QVERIFY2(outcome.reason.contains("No matching distribution"), qPrintable(outcome.reason));
        QCOMPARE(current("deps"), before);             // nothing was installed
        QCOMPARE(outcome.failure, FailureClass::Code); // a requirement the code names
    }

    // The same requirements with the index out of reach: not the code's fault, the machine's.
    void anIndexOutOfReachIsTheEnvironmentsFailure()
    {
        const QString before = current("deps");
        commit("deps", {{"requirements.txt", "tinyclock==1.0\n"}});
        DeploySettings unreachable = m_settings;
        unreachable.python.indexUrl = QStringLiteral("http://127.0.0.1:%1/simple").arg(freePort());
        DeployHarness harness(m_dir.path());
        harness.start(unreachable);
        const DeployOutcome outcome = harness.deploy("deps", {}, m_port);
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("installing the dependencies failed"),
                 qPrintable(outcome.reason));
        QCOMPARE(outcome.failure, FailureClass::Environment);
        QCOMPARE(current("deps"), before);
    }

    // A requirements file committed as a link to a secret outside the workspace: the deploy
    // (as root) refuses to follow it, and nothing of the secret reaches the reason.
    void aRequirementsFileThatLinksOutIsNeverRead()
    {
        const QByteArray secret = "vault-key-material-0c1d2e";
        const QString outside = m_dir.filePath("outside.key");
        QFile key(outside);
        QVERIFY(key.open(QIODevice::WriteOnly) && key.write(secret) == secret.size());
        key.close();
        const QString link = m_harness.workspace("deps") + "/requirements.txt";
        QVERIFY(QFile::remove(link));
        QVERIFY(QFile::link(outside, link));
        const QString before = current("deps");
        commit("deps", {});
        const DeployOutcome outcome = deploy("deps");
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("requirements.txt: a symbolic link"),
                 qPrintable(outcome.reason));
        QVERIFY(!outcome.reason.toUtf8().contains(secret));
        QCOMPARE(outcome.failure, FailureClass::Code);
        QCOMPARE(current("deps"), before);
        QVERIFY(QFile::remove(link));
    }

    void aDependencyFileThatReachesElsewhereIsRefused()
    {
        const QString before = current("deps");
        commit("deps", {{"requirements.txt", "--index-url http://127.0.0.1:9/simple\n-r "
                                             "/etc/shadow\ntinyclock\n"}});
        const DeployOutcome outcome = deploy("deps");
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("options are not allowed"), qPrintable(outcome.reason));
        QCOMPARE(outcome.failure, FailureClass::Code);
        QVERIFY(!outcome.reason.contains("root:"));
        QCOMPARE(current("deps"), before);
        QVERIFY(teardown("deps"));
    }

    void theBotTemplateDeploysAndAnswers()
    {
        const QString release = commit("clockbot", bundled("python-telegram-bot"));
        const DeployOutcome outcome = deploy("clockbot", {{"BOT_TOKEN", kBotToken}});
        QVERIFY2(outcome.ok, qPrintable(outcome.reason));
        QCOMPARE(outcome.running, release);
        QCOMPARE(outcome.contract.kind, ServiceContract::Kind::TelegramBot);
        const Json evidence = parseJson(outcome.healthBody);
        QCOMPARE(evidence["kind"], "telegram-bot");
        QVERIFY2(toQ(evidence["reply"].get<std::string>()).contains("Hello! I am Clock"),
                 outcome.healthBody.constData());
        // It polls the Bot API; nothing routes to it.
        QVERIFY(m_telegram.getUpdatesCalls() > 0);
        QVERIFY(!QFile::exists(m_dir.filePath("root/caddy/sites/orch-clockbot.caddy")));
        QVERIFY(!outcome.healthBody.contains(kBotToken));
        QVERIFY(!outcome.reason.contains(kBotToken));
    }

    void aBotWithoutItsTokenIsToldToAskForIt()
    {
        const DeployOutcome outcome = deploy("clockbot");
        QVERIFY(!outcome.ok);
        QVERIFY2(outcome.reason.contains("BOT_TOKEN") && outcome.reason.contains("request_secret"),
                 qPrintable(outcome.reason));
        QCOMPARE(outcome.failure, FailureClass::Person);
        QVERIFY(teardown("clockbot"));
    }

    void theWorkerRunsAndACrashingOneIsRolledBack()
    {
        const QString first = commit("jobs", bundled("python-worker"));
        const DeployOutcome outcome = deploy("jobs");
        QVERIFY2(outcome.ok,
                 qPrintable(outcome.reason + "\nservice.log:\n" +
                            QString::fromUtf8(readFile(m_dir.filePath("root/jobs/service.log")))));
        QCOMPARE(parseJson(outcome.healthBody)["kind"], "worker");

        commit("jobs", {{"jobs.py", "raise RuntimeError('broken on import')\n"}});
        const DeployOutcome broken = deploy("jobs");
        QVERIFY(!broken.ok);
        QVERIFY2(broken.reason.contains("stopped within"), qPrintable(broken.reason));
        QVERIFY(broken.rolledBack);
        QCOMPARE(broken.failure, FailureClass::Code); // it crashed: the code's to fix
        // The log tells a rollback that did not come up from one that was not tried.
        const QByteArray pid = readFile(m_dir.filePath("root/jobs/service.pid")).trimmed();
        QVERIFY2(broken.running == first,
                 qPrintable(broken.reason + "\nservice.pid: " + pid + " " +
                            readFile("/proc/" + pid + "/cmdline").replace('\0', ' ').left(300) +
                            "\nservice.log:\n" +
                            QString::fromUtf8(readFile(m_dir.filePath("root/jobs/service.log")))));
        QCOMPARE(current("jobs"), first);
        QVERIFY(teardown("jobs"));
    }

    void cleanupTestCase()
    {
        for (const QString name : {"deps", "clockbot", "jobs"})
            if (QFile::exists(m_dir.filePath("root/" + name)))
                teardown(name);
    }
};

QTEST_GUILESS_MAIN(TestDeployKinds)
#include "tst_deploy_kinds.moc"
