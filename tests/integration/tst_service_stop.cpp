// Stopping a release confined by bubblewrap: the pidfile names bwrap's outer process, and the
// service inside dies of its parent's death a moment later (--die-with-parent), holding its
// port until then. The host step that stops it returns only once the port is free, or the next
// release can find it taken and stop within its first second (a redeploy that failed at random).

#include "LocalPorts.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace orch::test;

class TestServiceStop : public QObject
{
    Q_OBJECT

    static QByteArray resource(const QString& name)
    {
        QFile file(QStringLiteral(":/deploy/") + name);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }

    static bool listening(int port)
    {
        QTcpSocket probe;
        probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(port));
        return probe.waitForConnected(200);
    }

private slots:
    // The pidfile's process ends at once; the process holding the port outlives it by 300 ms,
    // as bwrap's child does (by a few milliseconds on an idle machine, more under load).
    void theStopReturnsOnlyOnceTheServicesPortIsFree()
    {
        QTemporaryDir dir;
        const QString app = dir.filePath(QStringLiteral("svc"));
        QVERIFY(QDir().mkpath(app + QStringLiteral("/current")));
        const int port = freePort();
        const QString holder =
            QStringLiteral("import os, socket, time\nparent = os.getppid()\n"
                           "s = socket.socket()\n"
                           "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)\n"
                           "s.bind(('127.0.0.1', %1))\ns.listen()\n"
                           "while os.getppid() == parent: time.sleep(0.005)\n"
                           "time.sleep(0.3)\n")
                .arg(port);
        qint64 pid = 0;
        QProcess service;
        service.setProgram(QStringLiteral("/bin/sh"));
        service.setArguments({"-c", "python3 -c \"$0\" & exec sleep 120", holder});
        // Where start-stop-daemon starts it: how the stop knows the process is the service's.
        service.setWorkingDirectory(app + QStringLiteral("/current"));
        QVERIFY(service.startDetached(&pid));
        QVERIFY(QTest::qWaitFor([&] { return listening(port); }, 10000));
        QFile pidfile(app + QStringLiteral("/service.pid"));
        QVERIFY(pidfile.open(QIODevice::WriteOnly));
        pidfile.write(QByteArray::number(pid) + '\n');
        pidfile.close();

        const QJsonObject spec{
            {"name", "svc"},   {"app_dir", app},      {"data_dir", app + "/data"},
            {"user", ""},      {"manager", "daemon"}, {"caddy", QJsonObject()},
            {"listens", true}, {"port", port}};
        QProcess stop;
        stop.start(QStringLiteral("python3"),
                   {"-c",
                    QString::fromUtf8(resource("service_firewall.py") + "\n\n" +
                                      resource("service_host.py")),
                    "stop", QJsonDocument(spec).toJson(QJsonDocument::Compact).toBase64()});
        QVERIFY(stop.waitForFinished(20000));
        QVERIFY2(stop.exitCode() == 0, stop.readAllStandardError().constData());
        QVERIFY(!QFile::exists(pidfile.fileName()));

        QTcpServer next; // the next release, started right after
        QVERIFY2(next.listen(QHostAddress::LocalHost, quint16(port)), "the port is still taken");
    }
};

QTEST_GUILESS_MAIN(TestServiceStop)
#include "tst_service_stop.moc"
