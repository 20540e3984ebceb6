// Opens every view of the desktop app on a database filled by the offline demo (orchestratord
// run with the recorded replies, a real deploy, torn down afterwards), in English and in
// Russian, light and dark, at 1280×800 and 1920×1080, and writes PNGs to
// build/screenshots/<language>/<theme>/ (1920×1080 in its own folder below). Any QML warning
// or error fails it, and so does a text that overflows its item or what shows it.

#include "CliProcess.h"
#include "DesktopServices.h"
#include "LocalPorts.h"
#include "Session.h"
#include "SettingsController.h"
#include "TestFiles.h"
#include "Translator.h"
#include "api/AwaitAnswer.h"
#include "facade/Engine.h"
#include "store/RunStore.h"

#include <QDir>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <QQuickItem>
#include <QQuickWindow>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

Q_IMPORT_QML_PLUGIN(Orchestrator_UiPlugin)

using namespace orch;
using namespace orch::test;

namespace {
QStringList g_warnings;
QtMessageHandler g_previous = nullptr;

void collect(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type != QtDebugMsg && type != QtInfoMsg &&
        !message.contains(QLatin1String("XDG_RUNTIME_DIR")))
        g_warnings << message;
    if (g_previous)
        g_previous(type, context, message);
}
// Whether an item below `item` shows `text`.
bool showsText(QQuickItem* item, const QString& text)
{
    if (item->property("text").toString() == text)
        return true;
    for (QQuickItem* child : item->childItems())
        if (showsText(child, text))
            return true;
    return false;
}
// Texts that run past their item or out of what shows them: a Text (or Label) neither elided
// nor wrapped whose laid-out width passes its own, or any text whose right edge passes the
// nearest clipping item (a list, a pane) that does not scroll sideways, or the window. Named
// by their text.
void overflowingTexts(QQuickItem* item, QStringList& found)
{
    if (!item->isVisible() || item->opacity() <= 0)
        return;
    if (item->inherits("QQuickText") && item->width() > 0 &&
        !item->property("text").toString().isEmpty()) {
        const bool elided = item->property("elide").toInt() != 3; // Text.ElideNone
        const bool wrapped = item->property("wrapMode").toInt() != 0;
        const qreal content = item->property("contentWidth").toReal();
        const qreal room = item->width() - item->property("leftPadding").toReal() -
                           item->property("rightPadding").toReal();
        const QString name =
            QStringLiteral("\"%1\"").arg(item->property("text").toString().left(50));
        if (!elided && !wrapped && content > room + 2)
            found << QStringLiteral("%1 needs %2 px, has %3").arg(name).arg(content).arg(room);
        const QRectF shown = item->mapRectToScene(QRectF(
            0, 0, std::min<qreal>(item->width(), content + item->property("leftPadding").toReal()),
            item->height()));
        QQuickItem* bound = item->parentItem();
        while (bound && !bound->clip())
            bound = bound->parentItem();
        const bool sideways = bound && bound->property("contentWidth").isValid() &&
                              bound->property("contentWidth").toReal() > bound->width() + 1;
        const qreal limit = bound && !sideways
                                ? bound->mapRectToScene(bound->boundingRect()).right()
                                : item->window()->width();
        if (shown.right() > limit + 2 && shown.left() < limit)
            found << QStringLiteral("%1 runs %2 px past its %3")
                         .arg(name)
                         .arg(shown.right() - limit)
                         .arg(bound && !sideways
                                  ? QString::fromLatin1(bound->metaObject()->className())
                                  : QStringLiteral("window"));
    }
    for (QQuickItem* child : item->childItems())
        overflowingTexts(child, found);
}
QQuickItem* findItem(QQuickItem* item, const QString& objectName)
{
    if (item->objectName() == objectName)
        return item;
    for (QQuickItem* child : item->childItems())
        if (QQuickItem* found = findItem(child, objectName))
            return found;
    return nullptr;
}
} // namespace

class TestScreenshots : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QStringList m_deployArgs;
    QString m_runId;

private slots:
    void initTestCase()
    {
        QVERIFY(letOthersThrough(m_dir.path()));
        m_deployArgs = {"--deploy-root", m_dir.filePath("deploy"),
                        "--http-port",   QString::number(freePort()),
                        "--https-port",  QString::number(freePort())};
        CliResult demo = runCli(
            QStringList{"run", "--description", "a service that tells the time in a given city",
                        "--llm-replay", SOURCE_DIR "/resources/demo/city-time.replay.json", "--db",
                        m_dir.filePath("o.db"), "--workspace", m_dir.filePath("ws"),
                        "--git-remotes", m_dir.filePath("remotes"), "--reports",
                        m_dir.filePath("reports"), "--service-ports", "18900-18999"} +
                m_deployArgs,
            {}, 180000);
        QVERIFY2(demo.exitCode == 0, qPrintable(demo.err.right(2000)));
        auto store = RunStore::open(m_dir.filePath("o.db")).value();
        m_runId = store->runs().value().at(0).id;
        QSettings().remove(QStringLiteral("ui/language"));
        g_previous = qInstallMessageHandler(collect);
    }

    void everyViewInBothLanguagesAndThemes_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("theme");
        QTest::addColumn<QSize>("size");
        for (const char* language : {"en", "ru"})
            for (const char* theme : {"light", "dark"})
                for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)})
                    QTest::addRow("%s-%s-%d", language, theme, size.width())
                        << language << theme << size;
    }

    void everyViewInBothLanguagesAndThemes()
    {
        QFETCH(QString, language);
        QFETCH(QString, theme);
        QFETCH(QSize, size);
        QSettings().setValue(QStringLiteral("ui/theme"), theme); // read when the QML starts
        EngineOptions options;
        options.databasePath = m_dir.filePath("o.db");
        options.reportsDir = m_dir.filePath("reports");
        auto engine = Engine::create(options).value();
        ui::Session session(engine.get(), false, options.databasePath);
        ui::Translator translator;
        // Made before the QML engine, so it outlives the views that read it.
        ui::SettingsController settings(m_dir.filePath("orchestratord.json"),
                                        desktop::settingsServices(engine.get()));
        QQmlApplicationEngine qml;
        translator.setEngine(&qml);
        translator.setLanguage(language);
        qml.addImportPath(QStringLiteral("qrc:/"));
        qml.setInitialProperties({{"session", QVariant::fromValue(&session)},
                                  {"translator", QVariant::fromValue(&translator)},
                                  {"settings", QVariant::fromValue(&settings)}});
        g_warnings.clear();
        qml.load(QUrl(QStringLiteral("qrc:/Orchestrator/Ui/qml/Main.qml")));
        QCOMPARE(qml.rootObjects().size(), 1);
        auto* window = qobject_cast<QQuickWindow*>(qml.rootObjects().first());
        QVERIFY(window);
        window->resize(size);
        QTRY_COMPARE(window->contentItem()->width(), qreal(size.width()));
        QMetaObject::invokeMethod(window, "openRun", Q_ARG(QVariant, m_runId));
        const QString folder =
            QStringLiteral(BUILD_DIR "/screenshots/") + language + QLatin1Char('/') + theme +
            (size.width() == 1280 ? QString()
                                  : QStringLiteral("/%1x%2").arg(size.width()).arg(size.height()));
        QVERIFY(QDir().mkpath(folder));
        QStringList overflows;
        const QStringList names = {"projects", "review",   "graph",   "editor", "balances",
                                   "reports",  "settings", "servers", "inbox"};
        for (int section = 0; section < names.size(); ++section) {
            window->setProperty("currentSection", section);
            QTest::qWait(400); // models answer, canvases paint
            const QImage shot = window->grabWindow();
            QVERIFY(!shot.isNull());
            // The theme is really in use: the rail's background is dark or light as asked.
            QCOMPARE(shot.pixelColor(4, shot.height() / 2).lightness() < 128,
                     theme == QLatin1String("dark"));
            QVERIFY(shot.save(folder + QLatin1Char('/') + names[section] + QStringLiteral(".png")));
            QStringList overflowing;
            overflowingTexts(window->contentItem(), overflowing);
            if (!overflowing.isEmpty())
                overflows << names[section] + QStringLiteral(": ") +
                                 overflowing.join(QStringLiteral("; "));
            if (names[section] == QLatin1String("review")) { // its files and git tabs too
                QQuickItem* tabs = findItem(window->contentItem(), QStringLiteral("reviewTabs"));
                QVERIFY(tabs);
                for (const auto& [index, name] :
                     {std::pair{1, "review-files"}, std::pair{2, "review-git"}}) {
                    tabs->setProperty("currentIndex", index);
                    QTest::qWait(300);
                    QVERIFY(window->grabWindow().save(
                        folder + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png")));
                    QStringList overflowing;
                    overflowingTexts(window->contentItem(), overflowing);
                    if (!overflowing.isEmpty())
                        overflows << QLatin1String(name) + QStringLiteral(": ") +
                                         overflowing.join(QStringLiteral("; "));
                }
                // The commit's diff side by side.
                QQuickItem* layout = findItem(window->contentItem(), QStringLiteral("diffLayout"));
                QVERIFY(layout);
                layout->setProperty("currentIndex", 1);
                QQuickItem* split = findItem(window->contentItem(), QStringLiteral("splitLines"));
                QVERIFY(split);
                QTRY_VERIFY(split->property("count").toInt() > 10);
                QTest::qWait(200);
                QVERIFY(
                    window->grabWindow().save(folder + QStringLiteral("/review-git-split.png")));
                layout->setProperty("currentIndex", 0);
                // Time travel: a step's checkpoint in the inspector.
                QQuickItem* inspect = findItem(window->contentItem(), QStringLiteral("inspect_3"));
                QVERIFY(inspect);
                QVERIFY(QMetaObject::invokeMethod(inspect, "clicked"));
                QTRY_COMPARE(tabs->property("currentIndex").toInt(), 3);
                QTRY_VERIFY(findItem(window->contentItem(), QStringLiteral("node_/spec")));
                QTest::qWait(300);
                QVERIFY(window->grabWindow().save(folder + QStringLiteral("/review-step.png")));
                tabs->setProperty("currentIndex", 0);
                // Asking for a change with no model configured says why it cannot start.
                QQuickItem* request = findItem(window->contentItem(), "changeRequest");
                QQuickItem* ask = findItem(window->contentItem(), "askForChange");
                QVERIFY(request && ask && request->isVisible());
                request->setProperty("text", QStringLiteral("add a /weather route"));
                QVERIFY(QMetaObject::invokeMethod(ask, "clicked"));
                QQuickItem* feedback = findItem(window->contentItem(), "feedback");
                QVERIFY(feedback);
                QTRY_VERIFY2(
                    feedback->property("text").toString().contains("no endpoint configured"),
                    qPrintable(feedback->property("text").toString()));
                QVERIFY(window->grabWindow().save(folder + QStringLiteral("/review-change.png")));
                // Forking asks first: nothing starts until the person confirms.
                QQuickItem* fork = findItem(window->contentItem(), QStringLiteral("fork_3"));
                QObject* confirm = window->findChild<QObject*>(QStringLiteral("confirmDialog"));
                QVERIFY(fork && confirm);
                feedback->setProperty("text", QString());
                QVERIFY(QMetaObject::invokeMethod(fork, "clicked"));
                QTRY_VERIFY(confirm->property("opened").toBool());
                QTest::qWait(200);
                QVERIFY(window->grabWindow().save(folder + QStringLiteral("/review-confirm.png")));
                auto runsNow = [&] {
                    return RunStore::open(m_dir.filePath("o.db")).value()->runs().value().size();
                };
                QCOMPARE(runsNow(), size_t(1));
                QVERIFY(QMetaObject::invokeMethod(confirm, "close"));
                QTRY_VERIFY(!confirm->property("visible").toBool());
                QCOMPARE(runsNow(), size_t(1)); // declined: still one run, nothing asked
                QVERIFY(feedback->property("text").toString().isEmpty());
                QVERIFY(QMetaObject::invokeMethod(fork, "clicked"));
                QTRY_VERIFY(confirm->property("opened").toBool());
                QVERIFY(QMetaObject::invokeMethod(confirm, "confirm"));
                // Confirmed: the fork is asked for, and refused before it exists, with why.
                QTRY_VERIFY2(
                    feedback->property("text").toString().contains("no endpoint configured"),
                    qPrintable(feedback->property("text").toString()));
                QCOMPARE(runsNow(), size_t(1));
                // Taking the deployed project down asks first, naming its address; declined,
                // the service stays.
                QQuickItem* teardown = findItem(window->contentItem(), QStringLiteral("teardown"));
                QVERIFY(teardown);
                QTRY_VERIFY(teardown->property("enabled").toBool());
                QVERIFY(QMetaObject::invokeMethod(teardown, "clicked"));
                QTRY_VERIFY(confirm->property("opened").toBool());
                QVERIFY2(confirm->property("message").toString().contains("localhost"),
                         qPrintable(confirm->property("message").toString()));
                QVERIFY(QMetaObject::invokeMethod(confirm, "close"));
                QTRY_VERIFY(!confirm->property("visible").toBool());
                auto live = api::awaitAnswer(*engine, &EngineApi::deployments, {}, 10000);
                QVERIFY(live && live->size() == 1);
                // A domain of the person's: asked for in its dialog, refused here (*.localhost)
                // with what is missing; the service stays where it was.
                QQuickItem* domain = findItem(window->contentItem(), QStringLiteral("domain"));
                QObject* domainDialog = window->findChild<QObject*>(QStringLiteral("domainDialog"));
                QVERIFY(domain && domainDialog);
                QVERIFY(QMetaObject::invokeMethod(domain, "clicked"));
                QTRY_VERIFY(domainDialog->property("opened").toBool());
                QQuickItem* field = findItem(window->contentItem(), QStringLiteral("domainField"));
                QVERIFY(field);
                field->setProperty("text", "shop.example.org");
                QVERIFY(QMetaObject::invokeMethod(domainDialog, "submit"));
                QTRY_VERIFY2(feedback->property("text").toString().contains("needs a zone"),
                             qPrintable(feedback->property("text").toString()));
                live = api::awaitAnswer(*engine, &EngineApi::deployments, {}, 10000);
                QVERIFY(live && live->size() == 1 && live->front().url.contains("localhost"));
            }
        }
        QVERIFY2(g_warnings.isEmpty(), qPrintable(g_warnings.join('\n')));
        QVERIFY2(overflows.isEmpty(), qPrintable(overflows.join('\n')));
        if (language == QLatin1String("en") && size.width() == 1280) {
            // A message shown before the language changes reads in the new language after.
            QObject* settingsView = window->findChild<QObject*>(QStringLiteral("settingsView"));
            QQuickItem* saved = findItem(window->contentItem(), QStringLiteral("settingsFeedback"));
            QVERIFY(settingsView && saved);
            settingsView->setProperty("outcome", QVariantMap{{"kind", "saved"}, {"detail", ""}});
            QCOMPARE(saved->property("text").toString(),
                     QString("Saved. Changes apply at the next start."));
            translator.setLanguage(QStringLiteral("ru"));
            QTRY_COMPARE(saved->property("text").toString(),
                         QString("Сохранено. Изменения вступят в силу при следующем запуске."));
            translator.setLanguage(QStringLiteral("en"));
            // A third provider, added by its name in the view, gets its own row.
            window->setProperty("currentSection", 6);
            QQuickItem* name = findItem(window->contentItem(), QStringLiteral("newProviderName"));
            QQuickItem* add = findItem(window->contentItem(), QStringLiteral("addProvider"));
            QVERIFY(name && add);
            name->setProperty("text", QStringLiteral("openrouter"));
            QVERIFY(QMetaObject::invokeMethod(add, "clicked"));
            QTRY_VERIFY(findItem(window->contentItem(), QStringLiteral("baseUrl_openrouter")));
            QCOMPARE(settings.providers().size(), 3);
            // A graph's profile gets the new provider from its row; the graph's model stays
            // until another is picked.
            QCOMPARE(settings.setNamedProvider("openrouter", "openai", "http://127.0.0.1:9/v1", ""),
                     QString());
            QQuickItem* coder = nullptr;
            QTRY_VERIFY(
                coder = findItem(window->contentItem(), QStringLiteral("profileProvider_coder")));
            QVERIFY(QMetaObject::invokeMethod(coder, "activated", Q_ARG(int, 1)));
            const QVariantMap chosen = settings.profileChoices().value("coder").toMap();
            QCOMPARE(chosen.value("provider").toString(), QString("openrouter"));
            QCOMPARE(chosen.value("model").toString(), QString("claude-sonnet-4-5"));
            QTest::qWait(200);
            QVERIFY(window->grabWindow().save(folder + QStringLiteral("/settings-providers.png")));
        }
        if (language == QLatin1String("ru")) {
            // The translation is really in use: a Russian string is on screen somewhere.
            QVERIFY(showsText(window->contentItem(), QStringLiteral("Проекты")));
            QVERIFY(!showsText(window->contentItem(), QStringLiteral("Project review")));
        }
    }

    void cleanupTestCase()
    {
        qInstallMessageHandler(g_previous);
        QSettings().remove(QStringLiteral("ui/theme"));
        runCli(QStringList{"teardown"} + m_deployArgs);
        QTRY_VERIFY_WITH_TIMEOUT(!QFile::exists(m_dir.filePath("deploy/caddy/admin.sock")), 10000);
    }
};

QTEST_MAIN(TestScreenshots)
#include "tst_screenshots.moc"
