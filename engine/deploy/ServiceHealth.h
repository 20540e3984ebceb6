#pragma once
// Proves that a release works, the way its contract says:
// - an HTTP service answers its health path over HTTPS through Caddy with 200, a JSON object
//   with the contract's fields, "status": "ok" and "version": the release;
// - a Telegram bot's process is alive after it started, the Bot API's getMe accepts its token,
//   and a message sent to it as a user gets a reply;
// - a worker's process is alive after it started.
// It retries until the settings' health timeout; the answer names what failed last.

#include "deploy/DeploySettings.h"
#include "deploy/ServiceContract.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QObject>
#include <functional>

namespace orch {

struct HealthTarget
{
    QString name;    // the service
    QString url;     // HTTP services: https://name.suffix:port/
    QString release; // the sha that must answer
    ServiceContract contract;
    QByteArray botToken; // bots: their BOT_TOKEN
};

class ServiceHealth : public QObject
{
    Q_OBJECT
public:
    ServiceHealth(DeploySettings settings, QObject* parent);

    // `done(healthy, why, evidence)`; `attempts` counts the probes made.
    using Done = std::function<void(bool healthy, QString why, QByteArray evidence)>;
    void check(const HealthTarget& target, Done done);
    int attempts() const { return m_attempts; }

    // Whether the service's process runs (systemd unit active, or the daemon's pid alive).
    static bool processAlive(const DeploySettings& settings, const QString& name);

private:
    void probeHttp();
    void checkProcess();
    void processChecked(bool alive);
    void checkBot();
    void retry(const QString& why, std::function<void()> again);

    DeploySettings m_settings;
    HealthTarget m_target;
    Done m_done;
    QElapsedTimer m_clock;
    int m_attempts = 0;
};

} // namespace orch
