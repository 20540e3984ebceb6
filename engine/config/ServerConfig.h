#pragma once
// The settings file of `orchestratord serve --config FILE` (JSON). Every problem is reported
// at once, each naming its setting ("telegram.token_secret"); a missing required setting stops
// start-up instead of falling back to a default. Relative paths are relative to the file.

#include "facade/Engine.h"
#include "telegram/TelegramConfig.h"

#include <QHostAddress>
#include <QSet>
#include <QUrl>
#include <optional>

namespace orch {

struct RemoteApiConfig
{
    QHostAddress bind = QHostAddress::LocalHost;
    quint16 port = 0;
    QString tokenSecret;     // vault handle of the clients' token
    QString certificateFile; // both set: wss:// (TLS)
    QString privateKeyFile;
    qint64 maxMessageBytes = 4 * 1024 * 1024;
};

struct DigestConfig
{
    int everyHours = 24;   // 0: no digest
    int awayEveryDays = 7; // "while you were away" to the admins; 0: only on /away
};

struct WatchConfig
{
    int everySeconds = 300; // how often serve probes every live deployment; 0: never
};

struct ServerConfig
{
    EngineOptions engine;
    std::optional<TelegramConfig> telegram;
    std::optional<RemoteApiConfig> remote;
    DigestConfig digest;
    WatchConfig watch;
    // How often serve looks for runs whose worker stopped (`--adopt-every` overrides it).
    int adoptEveryMs = 5000;

    // Server: everything a long-lived server needs is required. Desktop: the places default as
    // for orchestratord and the deploy section may be left out (a deploy then names what is
    // missing), so a file with only provider profiles serves the in-process engine.
    enum class Use
    {
        Server,
        Desktop
    };

    static Result<ServerConfig> load(const QString& path, Use use = Use::Server);
    static Result<ServerConfig> fromJson(const Json& document, const QString& baseDir,
                                         Use use = Use::Server);
};

} // namespace orch
