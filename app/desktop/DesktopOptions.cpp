#include "DesktopOptions.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFile>
#include <QStandardPaths>

namespace orch::desktop {

Result<DesktopOptions> parseOptions(const QCoreApplication& app)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The Codegen Orchestrator control panel. Without --remote it runs the engine in-process on "
        "the same database orchestratord uses by default."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("config"), QStringLiteral("orchestratord's settings file."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("db"), QStringLiteral("SQLite database (without --config)."),
                      QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("remote"),
                      QStringLiteral("A remote orchestratord, e.g. ws://127.0.0.1:8765."),
                      QStringLiteral("URL")});
    parser.addOption({QStringLiteral("token-secret"),
                      QStringLiteral("Vault handle of the remote API token."),
                      QStringLiteral("HANDLE"), QStringLiteral("server:remote")});
    parser.process(app);
    DesktopOptions options;
    options.settingsPath =
        parser.isSet(QStringLiteral("config"))
            ? parser.value(QStringLiteral("config"))
            : QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
                  .filePath(QStringLiteral("codegen-orchestrator/orchestratord.json"));
    // An explicit file must load; the default one is used when it loads.
    if (parser.isSet(QStringLiteral("config")) || QFile::exists(options.settingsPath)) {
        auto config = ServerConfig::load(options.settingsPath, ServerConfig::Use::Desktop);
        if (config)
            options.config = std::move(config).value();
        else if (parser.isSet(QStringLiteral("config")))
            return Error{config.error()};
    }
    options.local.databasePath = parser.value(QStringLiteral("db"));
    if (parser.isSet(QStringLiteral("remote"))) {
        options.remote = QUrl(parser.value(QStringLiteral("remote")));
        if (!options.remote.isValid() || (options.remote.scheme() != QLatin1String("ws") &&
                                          options.remote.scheme() != QLatin1String("wss")))
            return Error{QStringLiteral("--remote must be a ws:// or wss:// URL")};
    }
    options.tokenSecret = parser.value(QStringLiteral("token-secret"));
    return options;
}

bool asksForHelp(int argc, char* argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--help" || arg == "-h" || arg == "-?" || arg == "--help-all")
            return true;
    }
    return false;
}

} // namespace orch::desktop
