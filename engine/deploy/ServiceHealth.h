#pragma once
// Proves that a release works, the way its contract says:
// - an HTTP service answers its health path over HTTPS through Caddy with 200, a JSON object
//   with the contract's fields, "status": "ok" and "version": the release;
// - a Telegram bot's process is alive after it started, the Bot API's getMe accepts its token,
//   and a message sent to it as a user (through its host's relay: BotConversation) gets a reply;
// - a worker's process is alive after it started.
// It polls from 100 ms with backoff (up to 1 s between probes) until the settings' health
// timeout, and gives up at once on a final answer: the release answered and said no (another
// version, a status that is not "ok", a missing field, an error page of its own), or its
// process is gone. A refused connection or a 502 from Caddy while it starts is not final.
// The answer names what failed last.

#include "core/FailureClass.h"
#include "deploy/BotConversation.h"
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
    QByteArray botToken;     // bots: their BOT_TOKEN
    bool justStarted = true; // a deploy's check; false: the watcher's look at a live service
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
    // A bot's failure that a person must act on (its token, another poller, the Bot API).
    BotFault botFault() const { return m_botFault; }
    // What a bot did, as its relay counts it (read by the round trip).
    const BotActivity& botActivity() const { return m_botActivity; }

    // Whether the service's process runs (systemd unit active, or the daemon's pid alive).
    static bool processAlive(const DeploySettings& settings, const QString& name);
    // Whose a failed check is: the code's, unless what stopped the release is outside it (the
    // bot's token, its API, another poller, a port someone else holds).
    static FailureClass failureClass(const QString& why, BotFault bot);

private:
    void probeHttp();
    // Not answering yet: a crashed process ends the check, a starting one is probed again.
    void notAnswering(const QString& why);
    void watchAlive(); // bots and workers: alive for the contract's seconds
    void processChecked(bool alive);
    // The bot's process stopped: its token refused (the person's), or its code (stopped).
    void explainStoppedBot();
    void checkBot();
    // `answer(alive)`: asked on this machine at once, on a server over SSH.
    void askAlive(std::function<void(bool)> answer);
    void retry(const QString& why, std::function<void()> again);
    void giveUp(const QString& why, bool final);
    QString stoppedReason() const;

    DeploySettings m_settings;
    HealthTarget m_target;
    Done m_done;
    QElapsedTimer m_clock;
    int m_attempts = 0;
    int m_delayMs = 0; // the wait before the next probe (backoff)
    BotFault m_botFault = BotFault::None;
    BotActivity m_botActivity;
    qint64 m_lastProcessCheck = -1; // m_clock's reading at the last look at a server's process
};

} // namespace orch
