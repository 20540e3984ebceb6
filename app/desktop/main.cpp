// orchestrator: the desktop control panel. Starts the in-process engine or connects to a
// remote orchestratord, then shows the QML views; the views see only EngineApi.

#include "DesktopOptions.h"
#include "DesktopServices.h"
#include "Session.h"
#include "Translator.h"
#include "core/GuardedApplication.h"
#include "remote/RemoteEngine.h"

#include <QGuiApplication>
#include <QQmlApplicationEngine>
#include <QQmlExtensionPlugin>
#include <cstdio>

Q_IMPORT_QML_PLUGIN(Orchestrator_UiPlugin)

using namespace orch;

int main(int argc, char* argv[])
{
    if (desktop::asksForHelp(argc, argv)) { // printed without a display: no GUI is made
        QCoreApplication console(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("orchestrator"));
        (void)desktop::parseOptions(console); // prints the options and exits
        return 0;
    }
    orch::GuardedApplication<QGuiApplication> app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("codegen-orchestrator"));
    QCoreApplication::setApplicationName(QStringLiteral("codegen-orchestrator"));
    auto options = desktop::parseOptions(app);
    if (!options) {
        std::fprintf(stderr, "orchestrator: %s\n", qPrintable(options.error()));
        return 2;
    }
    const EngineOptions& engineOptions = options->config ? options->config->engine : options->local;
    std::unique_ptr<Engine> local; // only without --remote
    std::unique_ptr<RemoteEngine> remote;
    std::unique_ptr<ui::Session> session;
    if (options->remote.isValid()) {
        // The token comes from the local vault; no local engine starts.
        auto token = desktop::revealLocalSecret(engineOptions, options->tokenSecret);
        if (!token) {
            std::fprintf(stderr, "orchestrator: the remote token (%s): %s\n",
                         qPrintable(options->tokenSecret), qPrintable(token.error()));
            return 1;
        }
        remote = std::make_unique<RemoteEngine>(options->remote, token.value());
        session =
            std::make_unique<ui::Session>(remote.get(), true, options->remote.toDisplayString());
        QObject::connect(remote.get(), &RemoteEngine::connectionChanged, session.get(),
                         &ui::Session::setConnected);
        session->setConnected(false, QObject::tr("connecting"));
        remote->open();
    } else {
        auto created = desktop::createDesktopEngine(engineOptions);
        if (!created) {
            std::fprintf(stderr, "orchestrator: %s\n", qPrintable(created.error()));
            return 1;
        }
        local = std::move(created).value();
        auto resumed = local->resumeUnfinished();
        if (!resumed)
            std::fprintf(stderr, "orchestrator: %s\n", qPrintable(resumed.error()));
        session = std::make_unique<ui::Session>(local.get(), false, local->databasePath());
    }

    ui::SettingsController settings(options->settingsPath, desktop::settingsServices(local.get()));
    ui::Translator translator;
    QQmlApplicationEngine engine;
    translator.setEngine(&engine);
    engine.addImportPath(QStringLiteral("qrc:/"));
    engine.setInitialProperties({{QStringLiteral("session"), QVariant::fromValue(session.get())},
                                 {QStringLiteral("translator"), QVariant::fromValue(&translator)},
                                 {QStringLiteral("settings"), QVariant::fromValue(&settings)}});
    engine.load(QUrl(QStringLiteral("qrc:/Orchestrator/Ui/qml/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;
    return QGuiApplication::exec();
}
