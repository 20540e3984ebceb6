#pragma once
// What a project is and how it runs, from `deploy.json` at the root of its repository (each
// bundled template brings one): its kind, the command that starts it, how its health is
// proven, its dependency file, the secrets it needs and whether it listens on a port. The
// deploy and the agents' prompts read it; nothing else assumes `app.py`.
//
// The file is in the repository the model writes, so it is untrusted: the program is always
// Python (the release's own environment when it has dependencies), arguments stay inside the
// release, and anything else is refused with a message that says what is allowed.

#include "core/Json.h"
#include "core/Result.h"

#include <QString>
#include <QStringList>

namespace orch {

struct ServiceContract
{
    enum class Kind
    {
        HttpService, // listens on PORT behind Caddy; health over HTTPS
        TelegramBot, // long-polls the Bot API, or takes a webhook behind Caddy; health:
                     // alive, getMe, a round trip
        Worker,      // runs in the background; health: still alive after it started
    };
    static inline const QString kFile = QStringLiteral("deploy.json");

    Kind kind = Kind::HttpService;
    QStringList arguments = {QStringLiteral("app.py")}; // after the Python interpreter
    QString healthPath = QStringLiteral("/health");     // HTTP services
    QStringList healthFields = {QStringLiteral("status"), QStringLiteral("version")};
    QString testMessage = QStringLiteral("/start"); // bots: what the round trip sends
    QString dependencies;                           // e.g. "requirements.txt"; empty: none
    QStringList secrets;                            // environment variables it needs
    int aliveSeconds = 3; // bots and workers: how long the process must stay up
    int memoryMb = 256;   // what it reserves on a production server (placement)
    // Bots: Telegram posts updates to it (`"updates": "webhook"`: it listens on PORT behind
    // Caddy, at WEBHOOK_URL with WEBHOOK_SECRET); false: it long-polls.
    bool webhook = false;

    bool listens() const { return kind == Kind::HttpService || webhook; }
    static QString kindName(Kind kind); // "http-service", "telegram-bot", "worker"

    // The contract a release declares; a release without deploy.json is an HTTP service
    // started with `python3 app.py` (projects from before contracts).
    static Result<ServiceContract> read(const QString& releaseFolder);
    static Result<ServiceContract> fromJson(const Json& document);
    Json toJson() const;
};

} // namespace orch
