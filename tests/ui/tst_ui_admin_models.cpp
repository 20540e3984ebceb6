// The desktop's C++ models for what a person administers, against a real in-process engine,
// each watched by QAbstractItemModelTester: production servers (registered, listed, removed),
// a project's files and commits, and settings (the file kept, secrets put in the vault).

#include "DesktopServices.h"
#include "ForecastQuery.h"
#include "LessonsModel.h"
#include "ServersModel.h"
#include "SettingsController.h"
#include "TestFiles.h"
#include "TestGraphs.h"
#include "UiHarness.h"
#include "WorkspaceModel.h"
#include "api/AwaitAnswer.h"
#include "money/Forecasts.h"
#include "runtime/GraphCatalog.h"
#include "store/Database.h"
#include "store/Lessons.h"
#include "store/RunStore.h"
#include "vault/Vault.h"
#include "workspace/GitRepository.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;
using namespace orch::test;
using namespace orch::ui;

class TestUiAdminModels : public QObject
{
    Q_OBJECT

    UiHarness m_h;

    Engine& engine() { return m_h.engine(); }
    template <typename Model> void watch(Model& model) { UiHarness::watch(model); }

private slots:
    void initTestCase() { QVERIFY(m_h.listen()); }
    void init() { m_h.start(); }
    void cleanup() { m_h.stop(); }

    // Registering a server from the desktop: what the registry refuses is said, what it takes
    // is listed unchecked with its free memory, and it can be removed again.
    void serversAreRegisteredListedAndRemoved()
    {
        ServersModel servers;
        watch(servers);
        servers.setSession(m_h.session.get());
        QTRY_VERIFY(!servers.loading());
        QCOMPARE(servers.count(), 0);
        QSignalSpy refused(servers.add("prod-1", "-oProxyCommand=x", 22, "", "server:prod-1", 512),
                           &PendingAction::finished);
        QTRY_COMPARE(refused.size(), 1);
        QVERIFY(!refused.first().at(0).toBool());
        QVERIFY(refused.first().at(1).toString().contains("--host"));
        QSignalSpy noKey(servers.add("prod-1", "prod1.example.org", 22, "", "server:prod-1", 512),
                         &PendingAction::finished);
        QTRY_COMPARE(noKey.size(), 1);
        QVERIFY(noKey.first().at(1).toString().contains("secrets set server:prod-1"));
        QVERIFY(inside(m_h.engine()).vault().value()->put("server:prod-1", "-----KEY-----"));
        QSignalSpy added(servers.add("prod-1", "prod1.example.org", 2222, "", "server:prod-1", 512),
                         &PendingAction::finished);
        QTRY_COMPARE(added.size(), 1);
        QVERIFY2(added.first().at(0).toBool(), qPrintable(added.first().at(1).toString()));
        QTRY_COMPARE(servers.count(), 1);
        QCOMPARE(servers.get(0).value("status").toString(), QStringLiteral("unchecked"));
        QCOMPARE(servers.get(0).value("freeMb").toInt(), 512);
        QCOMPARE(servers.get(0).value("address").toString(),
                 QStringLiteral("root@prod1.example.org:2222"));
        QSignalSpy removed(servers.remove("prod-1"), &PendingAction::finished);
        QTRY_COMPARE(removed.size(), 1);
        QTRY_COMPARE(servers.count(), 0);
    }

    // The lessons runs kept: listed (the dropped ones only when asked), reworded by the person
    // (an empty fix refused with the reason), and forgotten.
    void lessonsAreListedEditedAndForgotten()
    {
        Lessons store(inside(engine()).store().database());
        auto kept = store.learn({"python-http-service", "run_tests", "code",
                                 "modulenotfounderror: no module named 'zones'",
                                 "ModuleNotFoundError: No module named 'zones'", "changed zones.py",
                                 "p1", "r1"},
                                1000);
        QVERIFY(kept);
        auto gone = store.learn({"python-worker", "deploy", "code", "syntaxerror", "SyntaxError",
                                 "changed jobs.py", "p2", "r2"},
                                2000);
        QVERIFY(gone);
        QVERIFY(store.missed(gone.value(), 3000));
        QVERIFY(store.missed(gone.value(), 4000).value());

        LessonsModel lessons;
        watch(lessons);
        lessons.setSession(m_h.session.get());
        QTRY_VERIFY(!lessons.loading());
        QCOMPARE(lessons.count(), 1);
        QCOMPARE(lessons.get(0).value("tool").toString(), QStringLiteral("run_tests"));
        QCOMPARE(lessons.get(0).value("fix").toString(), QStringLiteral("changed zones.py"));
        lessons.setShowDropped(true);
        QTRY_COMPARE(lessons.count(), 2);
        QCOMPARE(lessons.get(0).value("dropped").toBool(), true);
        QCOMPARE(lessons.get(0).value("misses").toInt(), 2);

        QSignalSpy refused(lessons.edit(kept.value(), {}, QStringLiteral("  ")),
                           &PendingAction::finished);
        QTRY_COMPARE(refused.size(), 1);
        QVERIFY(!refused.first().at(0).toBool());
        QVERIFY(refused.first().at(1).toString().contains(QLatin1String("fix")));
        QSignalSpy edited(lessons.edit(kept.value(), {}, QStringLiteral("Write zones.py first")),
                          &PendingAction::finished);
        QTRY_COMPARE(edited.size(), 1);
        QVERIFY2(edited.first().at(0).toBool(), qPrintable(edited.first().at(1).toString()));
        QTRY_VERIFY(lessons.count() == 2 && lessons.get(0).value("edited").toBool());
        QCOMPARE(lessons.get(0).value("fix").toString(), QStringLiteral("Write zones.py first"));
        QCOMPARE(lessons.get(0).value("failure").toString(),
                 QStringLiteral("ModuleNotFoundError: No module named 'zones'"));

        QSignalSpy removed(lessons.remove(gone.value()), &PendingAction::finished);
        QTRY_COMPARE(removed.size(), 1);
        QVERIFY(removed.first().at(0).toBool());
        QTRY_COMPARE(lessons.count(), 1);
        QSignalSpy again(lessons.remove(gone.value()), &PendingAction::finished);
        QTRY_COMPARE(again.size(), 1);
        QVERIFY(!again.first().at(0).toBool());
    }

    // The forecast under the description: none without history (said so), the median and
    // range once runs completed, and flagged when it is more than the budget left.
    void theForecastFollowsTheDescription()
    {
        ForecastQuery forecast;
        forecast.setSession(m_h.session.get());
        forecast.setDescription(QStringLiteral("a greeter"));
        QTRY_VERIFY(!forecast.loading() && !forecast.text().isEmpty());
        QVERIFY(!forecast.known());
        QVERIFY2(forecast.text().startsWith(QLatin1String("No forecast: no earlier new run")),
                 qPrintable(forecast.text()));
        Forecasts history(inside(engine()).store().database());
        for (int i = 1; i <= 3; ++i)
            QVERIFY(history.recordOutcome(QStringLiteral("r%1").arg(i), {"new", "", 9, "m"},
                                          0.1 * i, 60000 * i, 1000 * i));
        forecast.refresh();
        QVERIFY(forecast.loading());
        QTRY_VERIFY(!forecast.loading());
        QVERIFY(forecast.known());
        QVERIFY2(forecast.text().startsWith(QString::fromUtf8(
                     "Forecast: about $0.2000 ($0.1000–$0.3000) and 2.0 min of work")),
                 qPrintable(forecast.text()));
        QVERIFY(!forecast.exceedsBudget());
        QVERIFY(api::awaitAnswer(engine(), &EngineApi::topUp, {kGlobalScope, 0.0001, "test"}));
        forecast.refresh();
        QTRY_VERIFY(!forecast.loading());
        QVERIFY(forecast.exceedsBudget());
        QCOMPARE(forecast.budgetLeft(), QStringLiteral("$0.0001"));
        // Nothing typed: nothing shown, nothing asked.
        forecast.setDescription(QStringLiteral("  "));
        forecast.refresh();
        QVERIFY(!forecast.loading());
        QVERIFY(forecast.text().isEmpty());
    }

    void filesAndCommitsOfTheProject()
    {
        QVERIFY(inside(engine()).graphs().save(chainGraph(1)).ok());
        const QString runId = inside(engine()).startRun("browsable", QString()).value();
        QCOMPARE(m_h.testEngine->waitForStop(runId).status, RunStatus::Completed);
        const QString workspace = inside(engine())
                                      .store()
                                      .project(inside(engine()).store().run(runId)->projectId)
                                      ->workspace;
        QVERIFY(QDir(workspace).mkpath("src"));
        QFile file(workspace + "/src/app.py");
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("print('hello')\n");
        file.close();
        auto repository = GitRepository::open(workspace, true).value();
        const QString sha =
            repository->commitAll("Add the app", "Developer", "dev@example.com").value();

        WorkspaceModel files;
        watch(files);
        files.setSession(m_h.session.get());
        files.setRunId(runId);
        QTRY_COMPARE(files.count(), 1);
        QCOMPARE(files.get(0).value("path").toString(),
                 QString("src/app.py")); // .git is not listed
        files.open("src/app.py");
        QTRY_COMPARE(files.detail(), QString("print('hello')\n"));
        files.open("../../etc/passwd");
        QTRY_VERIFY(files.detail() != QString("print('hello')\n"));
        QVERIFY2(!files.detail().contains("root:"), qPrintable(files.detail()));

        CommitsModel commits;
        watch(commits);
        commits.setSession(m_h.session.get());
        commits.setRunId(runId);
        QTRY_COMPARE(commits.count(), 1);
        QCOMPARE(commits.get(0).value("sha").toString(), sha);
        QCOMPARE(commits.get(0).value("summary").toString(), QString("Add the app"));
        commits.showDiff(sha);
        QTRY_VERIFY(commits.detail().contains("+print('hello')"));
    }

    void settingsKeepTheFileAndPutSecretsInTheVault()
    {
        qputenv("ORCHESTRATOR_VAULT_KEY", QByteArray(32, 's').toBase64());
        QTemporaryDir dir;
        const QString path = dir.filePath("orchestratord.json");
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(R"({"database": "o.db", "deploy": {"root": "d"}})");
        file.close();
        SettingsController settings(path, desktop::settingsServices(&engine()));
        // For the desktop the places may default, but a deploy section must be complete.
        QVERIFY(!settings.problems().join('\n').contains("workspace_root"));
        QVERIFY(
            settings.problems().join('\n').contains("deploy.http_port: missing required setting"));
        settings.setProvider("openai", "https://api.openai.com/v1", "key:openai");
        settings.setProvider("nonsense", "http://x", "");
        QCOMPARE(settings.providers().at(0).toMap().value("baseUrl").toString(),
                 QString("https://api.openai.com/v1"));
        QVERIFY(!settings.setTelegram("bot:main", "12, abc", ""));
        QVERIFY(settings.setTelegram("bot:main", "12, 34", "56"));
        QCOMPARE(settings.admins(), QString("12, 34"));
        QVERIFY(settings.save());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const Json saved = parseJson(file.readAll());
        file.close();
        QCOMPARE(saved["database"], "o.db"); // what the desktop does not edit stays
        QCOMPARE(saved["providers"]["openai"]["api_key_secret"], "key:openai");
        QVERIFY(!saved["providers"].contains("nonsense"));
        QCOMPARE(saved["telegram"]["admins"][1], 34);
        QCOMPARE(int(QFile(path).permissions() & (QFileDevice::ReadOther | QFileDevice::ReadGroup)),
                 0);

        QCOMPARE(settings.storeSecret("key:openai", "sk-desktop-key"), QString());
        QCOMPARE(inside(engine()).vault().value()->reveal("key:openai").value(),
                 QByteArray("sk-desktop-key"));
        QVERIFY(readFile(path).contains("key:openai"));
        QVERIFY(
            !readFile(path).contains("sk-desktop-key")); // the key itself never goes into the file
        // Any number of providers: a third by a name of its own, speaking the OpenAI API.
        QCOMPARE(settings.setNamedProvider("openrouter", "openai", "https://openrouter.ai/api/v1",
                                           "key:openrouter"),
                 QString());
        settings.setProvider("anthropic", "https://api.anthropic.com/v1", "key:anthropic");
        QCOMPARE(settings.providers().size(), 3);
        const QVariantMap third = settings.providers().at(2).toMap();
        QCOMPARE(third.value("name").toString(), QString("openrouter"));
        QCOMPARE(third.value("kind").toString(), QString("openai"));
        QVERIFY(!third.value("builtIn").toBool());
        QVERIFY2(!settings.problems().join('\n').contains("providers"),
                 qPrintable(settings.problems().join('\n')));
        // Refused: a name that is not one, a kind that is not one, a built-in's name for
        // another kind.
        QVERIFY(!settings.setNamedProvider("Open Router", "openai", "http://x", "").isEmpty());
        QVERIFY(!settings.setNamedProvider("local", "gemini", "http://x", "").isEmpty());
        QVERIFY(!settings.setNamedProvider("openai", "anthropic", "http://x", "").isEmpty());
        QCOMPARE(settings.providers().size(), 3);
        // Added without an address, the engine's check names what is missing.
        QCOMPARE(settings.setNamedProvider("local", "openai", "", ""), QString());
        QVERIFY2(settings.problems().join('\n').contains("providers.local"),
                 qPrintable(settings.problems().join('\n')));
        settings.removeProvider("local");
        QVERIFY(settings.save());
        const Json three = parseJson(readFile(path));
        QCOMPARE(three["providers"].size(), size_t(3));
        QCOMPARE(three["providers"]["openrouter"]["kind"], "openai");
        QCOMPARE(three["providers"]["openrouter"]["api_key_secret"], "key:openrouter");
        settings.removeProvider("openrouter");
        QCOMPARE(settings.providers().size(), 2);

        SettingsController remote(path, desktop::settingsServices(nullptr));
        QVERIFY(!remote.canStoreSecrets());
        QVERIFY(!remote.storeSecret("key:x", "v").isEmpty());
    }
};

QTEST_MAIN(TestUiAdminModels)
#include "tst_ui_admin_models.moc"
