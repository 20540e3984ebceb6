#include "deploy/ServiceHealth.h"

#include "deploy/BotConversation.h"
#include "deploy/HttpProbe.h"
#include "deploy/ServerAccess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTimer>
#include <csignal>

namespace orch {
namespace {
constexpr int kFirstRetryMs = 100;
constexpr int kLongestRetryMs = 1000;
constexpr int kBotReplyMs = 10000;
constexpr int kAliveCheckMs = 250;             // bots and workers on this machine: how often
constexpr qint64 kServerProcessCheckMs = 2000; // a server's process: at most this often (SSH)

// Caddy's answers while the service it routes to is not there yet (or the service's own
// "not ready"): worth another probe. Any other status is the release's answer.
bool notReadyYet(int status)
{
    return status == 502 || status == 503 || status == 504;
}
} // namespace

ServiceHealth::ServiceHealth(DeploySettings settings, QObject* parent)
    : QObject(parent), m_settings(std::move(settings))
{
}

void ServiceHealth::check(const HealthTarget& target, Done done)
{
    m_target = target;
    m_done = std::move(done);
    m_attempts = 0;
    m_delayMs = kFirstRetryMs;
    m_lastProcessCheck = -1;
    m_clock.start();
    if (m_target.contract.kind == ServiceContract::Kind::HttpService)
        return probeHttp();
    // A process that dies at once (an import error, a missing variable) is still "running"
    // for a moment: it must stay up for the contract's seconds. On this machine a look costs
    // nothing, so a crash ends the wait at once; a server is asked once, over SSH, after them.
    if (!m_settings.remote())
        return watchAlive();
    QTimer::singleShot(m_target.contract.aliveSeconds * 1000, this, [this] {
        ++m_attempts;
        askAlive([this](bool alive) { processChecked(alive); });
    });
}

void ServiceHealth::retry(const QString& why, std::function<void()> again)
{
    if (m_clock.elapsed() + m_delayMs > m_settings.healthTimeoutMs)
        return giveUp(why, false);
    QTimer::singleShot(m_delayMs, this, std::move(again));
    m_delayMs = std::min(m_delayMs * 2, kLongestRetryMs);
}

void ServiceHealth::giveUp(const QString& why, bool final)
{
    m_done(false,
           QStringLiteral("health check failed after %1 attempts: %2%3")
               .arg(m_attempts)
               .arg(why, final ? QStringLiteral("; that answer is final, so it was not retried")
                               : QString()),
           {});
}

QString ServiceHealth::stoppedReason() const
{
    if (!m_target.justStarted)
        return QStringLiteral("the %1's process is not running; read its log (read_service_log)")
            .arg(ServiceContract::kindName(m_target.contract.kind));
    return QStringLiteral("the %1 stopped within %2 s of starting; read its log "
                          "(read_service_log)")
        .arg(ServiceContract::kindName(m_target.contract.kind))
        .arg(std::max<qint64>(1, (m_clock.elapsed() + 999) / 1000));
}

void ServiceHealth::askAlive(std::function<void(bool)> answer)
{
    if (!m_settings.remote())
        return answer(processAlive(m_settings, m_target.name));
    // On a server: the same question, asked there.
    const QString script = QStringLiteral(
        "if [ -d /run/systemd/system ]; then exec systemctl is-active --quiet \"orch-$1.service\"; "
        "else exec start-stop-daemon --status --pidfile \"$2/$1/service.pid\"; fi");
    runRemote(this, *m_settings.server,
              {QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"),
               m_target.name, m_settings.deployRoot},
              15000, [answer](const CommandOutput& output) { answer(output.ok()); });
}

void ServiceHealth::probeHttp()
{
    ProbeRequest request;
    request.url = QUrl(m_target.url + m_target.contract.healthPath.mid(1));
    request.connectAddress = m_settings.connectAddress();
    request.caCertificates = QSslCertificate::fromPath(m_settings.caRootFile());
    request.timeoutMs = 3000;
    request.redirects = 5; // a health path that moved ("/health" -> "/health/") still answers
    auto* probe = new HttpProbe(request, this);
    ++m_attempts;
    connect(probe, &HttpProbe::finished, this, [this, probe](const ProbeResult& r) {
        probe->deleteLater();
        if (!r.ok)
            return notAnswering(r.error);
        if (notReadyYet(r.status))
            return notAnswering(QStringLiteral("HTTP %1").arg(r.status));
        // The release answered: whatever it said is final.
        const Json body = parseJson(r.body);
        QString why;
        if (r.status != 200)
            why = QStringLiteral("HTTP %1: %2")
                      .arg(r.status)
                      .arg(QString::fromUtf8(r.body.left(200)));
        else if (!body.is_object() || stringOr(body, "status", "ok") != "ok")
            why = QStringLiteral("unexpected body %1").arg(QString::fromUtf8(r.body.left(200)));
        else if (stringOr(body, "version") != m_target.release.toStdString())
            why = QStringLiteral("version %1 answers, %2 expected")
                      .arg(toQ(stringOr(body, "version")), m_target.release.left(12));
        for (const QString& field : std::as_const(m_target.contract.healthFields))
            if (why.isEmpty() && !body.contains(toStd(field)))
                why = QStringLiteral("the health answer has no \"%1\": %2")
                          .arg(field, QString::fromUtf8(r.body.left(200)));
        if (why.isEmpty())
            return m_done(true, {}, r.body);
        giveUp(why, true);
    });
    probe->start();
}

void ServiceHealth::notAnswering(const QString& why)
{
    // The watcher's look at a live service may fall into a redeploy's restart: it keeps probing
    // until its timeout, as a person would before calling the service down.
    if (!m_target.justStarted)
        return retry(why, [this] { probeHttp(); });
    // A server is asked over SSH, so not after every probe.
    if (m_settings.remote() && m_lastProcessCheck >= 0 &&
        m_clock.elapsed() - m_lastProcessCheck < kServerProcessCheckMs)
        return retry(why, [this] { probeHttp(); });
    m_lastProcessCheck = m_clock.elapsed();
    askAlive([this, why](bool alive) {
        if (!alive)
            return giveUp(
                stoppedReason() + QStringLiteral(" (last probe: ") + why + QLatin1Char(')'), true);
        retry(why, [this] { probeHttp(); });
    });
}

// Bots and workers on this machine.
void ServiceHealth::watchAlive()
{
    const qint64 aliveMs = qint64(m_target.contract.aliveSeconds) * 1000;
    ++m_attempts;
    askAlive([this, aliveMs](bool alive) {
        if (!alive || m_clock.elapsed() >= aliveMs)
            return processChecked(alive);
        QTimer::singleShot(std::min<qint64>(kAliveCheckMs, aliveMs - m_clock.elapsed()), this,
                           &ServiceHealth::watchAlive);
    });
}

bool ServiceHealth::processAlive(const DeploySettings& settings, const QString& name)
{
    if (QFileInfo::exists(QStringLiteral("/run/systemd/system"))) {
        QProcess systemctl;
        systemctl.start(QStringLiteral("systemctl"),
                        {QStringLiteral("is-active"), QStringLiteral("--quiet"),
                         QStringLiteral("orch-%1.service").arg(name)});
        return systemctl.waitForFinished(10000) && systemctl.exitCode() == 0;
    }
    QFile pidFile(QDir(settings.deployRoot).filePath(name + QStringLiteral("/service.pid")));
    if (!pidFile.open(QIODevice::ReadOnly))
        return false;
    bool ok = false;
    const qint64 pid = pidFile.readAll().trimmed().toLongLong(&ok);
    if (!ok || pid <= 0 || ::kill(pid_t(pid), 0) != 0)
        return false;
    // A stopped daemon lingers as a zombie for a moment: that is not running.
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return false;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) != "Z";
}

void ServiceHealth::processChecked(bool alive)
{
    if (!alive && m_target.contract.kind == ServiceContract::Kind::TelegramBot &&
        !m_target.botToken.isEmpty())
        return explainStoppedBot();
    if (!alive)
        return m_done(false, stoppedReason(), {});
    if (m_target.contract.kind == ServiceContract::Kind::TelegramBot)
        return checkBot();
    m_done(true, {},
           toBytes({{"alive", true}, {"kind", "worker"}, {"version", toStd(m_target.release)}}));
}

void ServiceHealth::explainStoppedBot()
{
    // A bot that stopped at once may have stopped because the Bot API refused its token: that
    // is the person's to fix, not the code's, and getMe tells which, whichever came first.
    ProbeRequest request;
    request.url = QUrl(m_settings.telegramApiBase + QStringLiteral("/bot") +
                       QString::fromUtf8(m_target.botToken) + QStringLiteral("/getMe"));
    request.timeoutMs = 10000;
    auto* probe = new HttpProbe(request, this);
    connect(probe, &HttpProbe::finished, this, [this, probe](const ProbeResult& r) {
        probe->deleteLater();
        if (r.ok && (r.status == 401 || r.status == 404)) {
            m_botFault = BotFault::TokenRefused;
            return m_done(false,
                          QStringLiteral("the Bot API refuses the bot's token (getMe: HTTP %1); "
                                         "ask the person for a valid one")
                              .arg(r.status),
                          {});
        }
        m_done(false, stoppedReason(), {});
    });
    probe->start();
}

void ServiceHealth::checkBot()
{
    if (m_target.botToken.isEmpty())
        return m_done(false,
                      QStringLiteral("the bot has no BOT_TOKEN: ask the person for it with "
                                     "request_secret (env BOT_TOKEN) before deploying"),
                      {});
    ProbeRequest request;
    request.url = QUrl(m_settings.telegramApiBase + QStringLiteral("/bot") +
                       QString::fromUtf8(m_target.botToken) + QStringLiteral("/getMe"));
    request.timeoutMs = 10000;
    auto* probe = new HttpProbe(request, this);
    ++m_attempts;
    connect(probe, &HttpProbe::finished, this, [this, probe](const ProbeResult& r) {
        probe->deleteLater();
        const Json body = parseJson(r.body);
        if (!r.ok) { // names the host, never the path with the token
            m_botFault = BotFault::ApiUnreachable;
            return retry(QStringLiteral("the Bot API cannot be reached: %1").arg(r.error),
                         [this] { checkBot(); });
        }
        m_botFault = BotFault::None;
        if (r.status == 401 || r.status == 404)
            m_botFault = BotFault::TokenRefused;
        if (r.status != 200 || !boolOr(body, "ok", false))
            return m_done(false,
                          QStringLiteral("the Bot API refuses the bot's token (getMe: HTTP %1); "
                                         "ask the person for a valid one")
                              .arg(r.status),
                          {});
        const std::string username = stringOr(objectAt(body, "result"), "username");
        auto* talk = new BotConversation(m_settings, m_target.botToken, kBotReplyMs, this);
        connect(talk, &BotConversation::finished, this,
                [this, talk, username](const BotExchange& exchange) {
                    talk->deleteLater();
                    m_botFault = exchange.fault;
                    m_botActivity = exchange.activity;
                    if (!exchange.ok)
                        return m_done(false, exchange.error, {});
                    if (exchange.replies.isEmpty())
                        return askAlive([this](bool alive) {
                            if (!alive)
                                return m_done(false,
                                              QStringLiteral("the bot took the message \"%1\" "
                                                             "and then stopped (it crashed on "
                                                             "it?); read its log "
                                                             "(read_service_log)")
                                                  .arg(m_target.contract.testMessage),
                                              {});
                            m_done(false,
                                   QStringLiteral("the bot took the message \"%1\" (sent "
                                                  "as a user would) and answered nothing "
                                                  "within %2 s")
                                       .arg(m_target.contract.testMessage)
                                       .arg(kBotReplyMs / 1000),
                                   {});
                        });
                    m_done(true, {},
                           toBytes({{"alive", true},
                                    {"kind", "telegram-bot"},
                                    {"bot", "@" + username},
                                    {"version", toStd(m_target.release)},
                                    {"sent", toStd(m_target.contract.testMessage)},
                                    {"reply", toStd(exchange.replies.first().left(500))}}));
                });
        talk->send(m_target.contract.testMessage);
    });
    probe->start();
}

FailureClass ServiceHealth::failureClass(const QString& why, BotFault bot)
{
    switch (bot) {
    case BotFault::TokenRefused:
    case BotFault::Conflict:
    case BotFault::ApiUnreachable:
    case BotFault::NoRelay:
        return FailureClass::Environment;
    default:
        break;
    }
    return why.contains(QLatin1String("Address already in use")) ? FailureClass::Environment
                                                                 : FailureClass::Code;
}

} // namespace orch
