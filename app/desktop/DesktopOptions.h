#pragma once
// How the desktop app connects: an in-process engine (the settings file, or the defaults
// orchestratord uses) or a remote orchestratord (URL + the vault handle of its token).

#include "config/ServerConfig.h"

#include <QCoreApplication>
#include <QUrl>

namespace orch::desktop {

struct DesktopOptions
{
    std::optional<ServerConfig> config;
    EngineOptions local; // without --config
    QUrl remote;
    QString tokenSecret;
    QString settingsPath; // the file the Settings view edits: --config, else the default one
};

// Parses the command line; on errors prints them and returns an error. --help prints the
// options and exits.
Result<DesktopOptions> parseOptions(const QCoreApplication& app);
// Whether the command line asks only for help, which needs no display.
bool asksForHelp(int argc, char* argv[]);

} // namespace orch::desktop
