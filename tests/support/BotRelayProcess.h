#pragma once
// The host's Bot API relay (resources/deploy/bot_relay.py, from the engine's resources) run
// by a test as a deploy would start it: in <deployRoot>/.bot-relay, forwarding to `upstream`.
// Tests that run a bot by hand point its TELEGRAM_API at url().

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <QUrl>

namespace orch::test {

class BotRelayProcess
{
public:
    BotRelayProcess(const QString& deployRoot, QUrl upstream)
        : m_folder(QDir(deployRoot).filePath(QStringLiteral(".bot-relay"))),
          m_upstream(std::move(upstream))
    {
    }
    ~BotRelayProcess() { stop(); }

    // Starts it and waits for its control socket; false when it did not come up.
    bool start()
    {
        QDir().mkpath(m_folder);
        QFile source(QStringLiteral(":/deploy/bot_relay.py"));
        QFile script(scriptPath());
        if (!source.open(QIODevice::ReadOnly) || !script.open(QIODevice::WriteOnly))
            return false;
        script.write(source.readAll());
        script.close();
        QFile::remove(QDir(m_folder).filePath(QStringLiteral("control.sock")));
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start(QStringLiteral("python3"),
                        {scriptPath(), QStringLiteral("serve"), m_folder, m_upstream.toString()});
        if (!m_process.waitForStarted())
            return false;
        return QTest::qWaitFor(
            [this] {
                return QFile::exists(QDir(m_folder).filePath(QStringLiteral("control.sock")));
            },
            10000);
    }
    void stop()
    {
        if (m_process.state() == QProcess::NotRunning)
            return;
        m_process.kill();
        m_process.waitForFinished();
    }
    QUrl url() const
    {
        QFile port(QDir(m_folder).filePath(QStringLiteral("port")));
        if (!port.open(QIODevice::ReadOnly))
            return {};
        return QUrl(QStringLiteral("http://127.0.0.1:%1")
                        .arg(QString::fromLatin1(port.readAll().trimmed())));
    }
    QString folder() const { return m_folder; }
    QString scriptPath() const { return QDir(m_folder).filePath(QStringLiteral("bot_relay.py")); }

private:
    QString m_folder;
    QUrl m_upstream;
    QProcess m_process;
};

} // namespace orch::test
