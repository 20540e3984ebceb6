#pragma once
// Shared option handling for orchestratord's commands.

#include "config/ServerConfig.h"
#include "deploy/DeploySettings.h"
#include "facade/Engine.h"

#include <QCommandLineParser>
#include <memory>

namespace orch::cli {

enum ExitCode
{
    Completed = 0,
    Failed = 1,
    BadArguments = 2,
    Waiting = 3
};

struct CommandContext
{
    QString command;
    QStringList arguments; // everything after the command name
};

// Adds --config, --db and --log-level.
void addCommonOptions(QCommandLineParser& parser);
// Adds --workspace, --llm-url, --llm-kind, --llm-model, --api-key-env, --llm-timeout-ms,
// --no-stream.
void addEngineOptions(QCommandLineParser& parser);
// Adds --deploy-root, --http-port, --https-port, --service-ports,
// --domain-suffix.
void addDeployOptions(QCommandLineParser& parser);
DeploySettings deploySettings(const QCommandLineParser& parser);
// Parses; on --help prints and exits 0, on errors prints and returns false.
bool parse(QCommandLineParser& parser, const CommandContext& context);

// The settings file given with --config: nullopt without one; prints the problems and sets
// `failed` when it does not load.
std::optional<ServerConfig> settingsFile(const QCommandLineParser& parser, bool* failed);

// Builds an engine from the settings file (--config) or else the parsed options; prints the reason
// and returns null on failure. withModels: the parser has the engine options (the command may call
// models).
// `waitForDatabaseS`: how long to wait for a store server that is away (0: not at all).
std::unique_ptr<Engine> makeEngine(const QCommandLineParser& parser, bool withModels,
                                   int waitForDatabaseS = 0);

void printError(const QString& message);

} // namespace orch::cli
