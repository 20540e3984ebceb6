#include "PebbleServer.h"

#include "LocalPorts.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>
#include <QStandardPaths>
#include <QThread>
#include <QTimer>

namespace orch::test {

PebbleServer::~PebbleServer()
{
    stop();
}

QString PebbleServer::unavailableReason()
{
    if (QStandardPaths::findExecutable(QStringLiteral("pebble")).isEmpty())
        return QStringLiteral("pebble is not installed (apt-get install pebble)");
    if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
        return QStringLiteral("openssl is not installed");
    return {};
}

QString PebbleServer::start(int dnsPort, int httpPort, int tlsPort, qint64 validitySeconds)
{
    if (QString why = unavailableReason(); !why.isEmpty())
        return why;
    const QString key = m_dir.filePath(QStringLiteral("api.key"));
    const int made = QProcess::execute(
        QStringLiteral("openssl"), {"req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                                    "-out", apiRootFile(), "-days", "2", "-subj", "/CN=127.0.0.1",
                                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"});
    if (made != 0)
        return QStringLiteral("openssl could not make the API's certificate");
    m_port = freePort();
    m_managementPort = freePort();
    // The configuration format of pebble's own example (pebble-config.json).
    QFile config(m_dir.filePath(QStringLiteral("pebble.json")));
    if (!config.open(QIODevice::WriteOnly))
        return QStringLiteral("cannot write pebble.json");
    config.write(
        QStringLiteral("{\"pebble\": {\"listenAddress\": \"127.0.0.1:%1\", "
                       "\"managementListenAddress\": \"127.0.0.1:%2\", "
                       "\"certificate\": \"%3\", \"privateKey\": \"%4\", "
                       "\"httpPort\": %5, \"tlsPort\": %6, \"ocspResponderURL\": \"\", "
                       "\"externalAccountBindingRequired\": false%7}}")
            .arg(m_port)
            .arg(m_managementPort)
            .arg(apiRootFile(), key)
            .arg(httpPort)
            .arg(tlsPort)
            .arg(validitySeconds > 0
                     ? QStringLiteral(", \"certificateValidityPeriod\": %1").arg(validitySeconds)
                     : QString())
            .toUtf8());
    config.close();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("PEBBLE_VA_NOSLEEP"), QStringLiteral("1"));
    m_pebble.setProcessEnvironment(env);
    m_pebble.setProcessChannelMode(QProcess::MergedChannels);
    m_pebble.start(QStringLiteral("pebble"),
                   {QStringLiteral("-config"), config.fileName(), QStringLiteral("-dnsserver"),
                    QStringLiteral("127.0.0.1:%1").arg(dnsPort)});
    if (!m_pebble.waitForStarted(5000))
        return QStringLiteral("pebble did not start: %1").arg(m_pebble.errorString());
    QElapsedTimer waited;
    waited.start();
    while (waited.elapsed() < 15000) {
        if (m_pebble.state() != QProcess::Running)
            return QStringLiteral("pebble stopped:\n%1").arg(log());
        if (listening(m_port) && listening(m_managementPort))
            return {};
        QThread::msleep(50);
    }
    return QStringLiteral("pebble did not listen within 15 s:\n%1").arg(log());
}

void PebbleServer::stop()
{
    endProcess(m_pebble);
}

QString PebbleServer::directory() const
{
    return QStringLiteral("https://127.0.0.1:%1/dir").arg(m_port);
}

QString PebbleServer::fetchIssuerRoot()
{
    QNetworkAccessManager network;
    QNetworkRequest request(
        QUrl(QStringLiteral("https://127.0.0.1:%1/roots/0").arg(m_managementPort)));
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setCaCertificates(QSslCertificate::fromPath(apiRootFile()));
    request.setSslConfiguration(tls);
    QNetworkReply* reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    loop.exec();
    const QByteArray pem = reply->isFinished() && reply->error() == QNetworkReply::NoError
                               ? reply->readAll()
                               : QByteArray();
    reply->deleteLater();
    if (!pem.contains("BEGIN CERTIFICATE"))
        return {};
    const QString path = m_dir.filePath(QStringLiteral("issuer-root.pem"));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size())
        return {};
    return path;
}

QString PebbleServer::log()
{
    m_output += QString::fromUtf8(m_pebble.readAll());
    return m_output;
}

} // namespace orch::test
