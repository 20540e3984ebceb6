#include "SecretsCommands.h"

#include "facade/LocalVault.h"
#include "vault/DatabasePassword.h"
#include "vault/VaultKey.h"

#include <QDateTime>
#include <QFile>
#include <cstdio>

namespace orch::cli {
namespace {

// A secret from stdin, without the line end a shell or `echo` adds.
Result<QByteArray> readValue()
{
    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read the value from stdin")};
    QByteArray value = input.readAll();
    while (value.endsWith('\n') || value.endsWith('\r'))
        value.chop(1);
    return value;
}

} // namespace

int secretsCommand(const CommandContext& context)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Manage the vault.\n"
        "  secrets set NAME      read the value from stdin, store it, print its handle\n"
        "                        (NAME is kind:name with kind key, bot, server, domain or port;\n"
        "                        a bare name is a key)\n"
        "                        --project ID: the project's own; --shared: granted by an admin;\n"
        "                        neither: the orchestrator's own, which no project may use\n"
        "  secrets grant HANDLE PROJECT\n"
        "                        let a project (or `all`) use a shared secret\n"
        "  secrets list          print the handles, scopes and grants (never the values)\n"
        "  secrets remove HANDLE\n"
        "  secrets database-password\n"
        "                        read the PostgreSQL password from stdin and seal it with the\n"
        "                        vault key beside the key file (the database URL names no\n"
        "                        password)\n"
        "The vault key comes from ORCHESTRATOR_VAULT_KEY (base64, 32 bytes) or the key file."));
    addCommonOptions(parser);
    parser.addOption(
        {QStringLiteral("key-file"),
         QStringLiteral("Vault key file (default: <XDG config>/codegen-orchestrator/vault.key)."),
         QStringLiteral("FILE")});
    parser.addOption({QStringLiteral("project"),
                      QStringLiteral("set: the secret belongs to this project."),
                      QStringLiteral("ID")});
    parser.addOption({QStringLiteral("shared"),
                      QStringLiteral("set: a shared secret, for the projects it is granted to.")});
    parser.addPositionalArgument(QStringLiteral("action"),
                                 QStringLiteral("set, grant, list or remove"));
    if (!parse(parser, context))
        return BadArguments;
    const QStringList args = parser.positionalArguments();
    const QString action = args.value(0);
    if (!((action == QLatin1String("list") || action == QLatin1String("database-password")) &&
          args.size() == 1) &&
        !((action == QLatin1String("set") || action == QLatin1String("remove")) &&
          args.size() == 2) &&
        !(action == QLatin1String("grant") && args.size() == 3)) {
        printError(QStringLiteral("usage: secrets set NAME [--project ID | --shared] | secrets "
                                  "grant HANDLE PROJECT | secrets list | secrets remove HANDLE | "
                                  "secrets database-password"));
        return BadArguments;
    }
    if (parser.isSet(QStringLiteral("project")) && parser.isSet(QStringLiteral("shared"))) {
        printError(QStringLiteral("a secret is a project's or shared, not both"));
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
    if (action == QLatin1String("database-password")) {
        // The database may not open without it, so this touches only the sealed file.
        auto password = readValue();
        if (!password) {
            printError(password.error());
            return Failed;
        }
        const QString keyFile =
            options.vaultKeyFile.isEmpty() ? defaultVaultKeyFile() : options.vaultKeyFile;
        if (auto stored = storeDatabasePassword(keyFile, password.value()); !stored) {
            printError(stored.error());
            return BadArguments;
        }
        std::printf("%s\n", qPrintable(databasePasswordFile(keyFile)));
        return Completed;
    }
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
                "%s  %s  %s%s\n", qPrintable(entry.handle),
                qPrintable(QDateTime::fromMSecsSinceEpoch(entry.createdAt).toString(Qt::ISODate)),
                qPrintable(entry.scope),
                entry.grants.isEmpty()
                    ? ""
                    : qPrintable(QStringLiteral(" (granted to %1)")
                                     .arg(entry.grants.join(QStringLiteral(", "))
                                              .replace(kEveryProject, QStringLiteral("all")))));
        return Completed;
    }
    if (action == QLatin1String("grant")) {
        const QString project = args[2] == QLatin1String("all") ? kEveryProject : args[2];
        if (auto granted = vault->grant(args[1], project, QStringLiteral("cli")); !granted) {
            printError(granted.error());
            return BadArguments;
        }
        return Completed;
    }
    if (action == QLatin1String("remove")) {
        if (auto removed = vault->remove(args[1]); !removed) {
            printError(removed.error());
            return Failed;
        }
        return Completed;
    }
    auto value = readValue();
    if (!value) {
        printError(value.error());
        return Failed;
    }
    const QString scope = parser.isSet(QStringLiteral("shared")) ? kSharedScope
                          : parser.isSet(QStringLiteral("project"))
                              ? QStringLiteral("project:") + parser.value(QStringLiteral("project"))
                              : kServerScope;
    auto handle = vault->put(args[1], value.value(), scope);
    if (!handle) {
        printError(handle.error());
        return BadArguments;
    }
    std::printf("%s\n", qPrintable(handle.value()));
    return Completed;
}

} // namespace orch::cli
