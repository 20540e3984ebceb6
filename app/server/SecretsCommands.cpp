#include "SecretsCommands.h"

#include "facade/LocalVault.h"

#include <QDateTime>
#include <QFile>
#include <cstdio>

namespace orch::cli {

int secretsCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Manage the vault.\n"
        "  secrets set NAME      read the value from stdin, store it, print its handle\n"
        "                        (NAME is kind:name with kind key, bot, server, domain or port;\n"
        "                        a bare name is a key)\n"
        "  secrets list          print the handles (never the values)\n"
        "  secrets remove HANDLE\n"
        "The vault key comes from ORCHESTRATOR_VAULT_KEY (base64, 32 bytes) or the key file."));
    addCommonOptions(parser);
    parser.addOption(
        {QStringLiteral("key-file"),
         QStringLiteral("Vault key file (default: <XDG config>/codegen-orchestrator/vault.key)."),
         QStringLiteral("FILE")});
    parser.addPositionalArgument(QStringLiteral("action"), QStringLiteral("set, list or remove"));
    if (!parse(parser, context))
        return BadArguments;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    if (!(action == QLatin1String("list") && args.size() == 1) &&
        !((action == QLatin1String("set") || action == QLatin1String("remove")) &&
          args.size() == 2)) {
        printError(
            QStringLiteral("usage: secrets set NAME | secrets list | secrets remove HANDLE"));
        return BadArguments;
    }
    bool badSettings = false;
    const auto config = settingsFile(parser, &badSettings);
    if (badSettings)
        return BadArguments;
    EngineOptions options;
    options.databasePath =
        config ? config->engine.databasePath : parser.value(QStringLiteral("db"));
    options.vaultKeyFile = config && !parser.isSet(QStringLiteral("key-file"))
                               ? config->engine.vaultKeyFile
                               : parser.value(QStringLiteral("key-file"));
    auto opened = LocalVault::open(options);
    if (!opened) {
        printError(opened.error());
        return Failed;
    }
    Vault* vault = opened->vault.get();
    if (action == QLatin1String("list")) {
        auto entries = vault->list();
        if (!entries) {
            printError(entries.error());
            return Failed;
        }
        for (const VaultEntry& entry : entries.value())
            std::printf(
                "%s  %s\n", qPrintable(entry.handle),
                qPrintable(QDateTime::fromMSecsSinceEpoch(entry.createdAt).toString(Qt::ISODate)));
        return Completed;
    }
    if (action == QLatin1String("remove")) {
        if (auto removed = vault->remove(args[1]); !removed) {
            printError(removed.error());
            return Failed;
        }
        return Completed;
    }
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly)) {
        printError(QStringLiteral("cannot read the value from stdin"));
        return Failed;
    }
    QByteArray value = input.readAll();
    while (value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    auto handle = vault->put(args[1], value);
    if (!handle) {
        printError(handle.error());
        return BadArguments;
    }
    std::printf("%s\n", qPrintable(handle.value()));
    return Completed;
}

} // namespace orch::cli
