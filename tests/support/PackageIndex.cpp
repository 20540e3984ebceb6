#include "PackageIndex.h"

#include "LocalPorts.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTcpSocket>
#include <QTest>
#include <QUrl>

namespace orch::test {
namespace {

bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(content) == content.size();
}

} // namespace

PackageIndex::~PackageIndex()
{
    if (m_server.state() != QProcess::NotRunning) {
        m_server.kill();
        m_server.waitForFinished(5000);
    }
}

QString PackageIndex::addPackage(const QString& name, const QString& version,
                                 const QByteArray& code)
{
    const QString source = m_dir.filePath(QStringLiteral("src/") + name);
    if (!writeFile(source + QStringLiteral("/") + name + QStringLiteral("/__init__.py"), code) ||
        !writeFile(source + QStringLiteral("/setup.py"),
                   QStringLiteral("from setuptools import setup\nsetup(name=%1, version=%2, "
                                  "packages=[%1])\n")
                       .arg(QStringLiteral("'%1'").arg(name), QStringLiteral("'%1'").arg(version))
                       .toUtf8()))
        return QStringLiteral("cannot write the package %1").arg(name);
    // Without build isolation pip would download setuptools; Debian's is used instead.
    const QString wheels = m_dir.filePath(QStringLiteral("simple/") + name);
    QProcess pip;
    pip.setProcessChannelMode(QProcess::MergedChannels);
    pip.start(QStringLiteral("/usr/bin/python3"),
              {QStringLiteral("-m"), QStringLiteral("pip"), QStringLiteral("wheel"),
               QStringLiteral("--no-build-isolation"), QStringLiteral("--no-deps"),
               QStringLiteral("--no-index"), QStringLiteral("-w"), wheels, source});
    if (!pip.waitForFinished(120000) || pip.exitCode() != 0)
        return QStringLiteral("pip wheel failed (Debian: python3-pip python3-setuptools "
                              "python3-wheel): %1")
            .arg(QString::fromUtf8(pip.readAll()).right(2000));
    QString links;
    for (const QString& wheel : QDir(wheels).entryList({QStringLiteral("*.whl")}))
        links += QStringLiteral("<a href=\"%1\">%1</a>\n").arg(wheel);
    if (!writeFile(wheels + QStringLiteral("/index.html"),
                   ("<html><body>\n" + links + "</body></html>\n").toUtf8()))
        return QStringLiteral("cannot write the index page of %1").arg(name);
    return {};
}

QString PackageIndex::addExternalLink(const QString& name, const QString& url)
{
    const QString file = QUrl(url).fileName();
    return writeFile(m_dir.filePath(QStringLiteral("simple/%1/index.html").arg(name)),
                     QStringLiteral("<html><body>\n<a href=\"%1\">%2</a>\n</body></html>\n")
                         .arg(url, file)
                         .toUtf8())
               ? QString()
               : QStringLiteral("cannot write the index page of %1").arg(name);
}

QString PackageIndex::start()
{
    m_port = freePort();
    m_server.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    m_server.setStandardOutputFile(QProcess::nullDevice());
    m_server.start(QStringLiteral("/usr/bin/python3"),
                   {QStringLiteral("-m"), QStringLiteral("http.server"), QStringLiteral("--bind"),
                    QStringLiteral("127.0.0.1"), QStringLiteral("--directory"), m_dir.path(),
                    QString::number(m_port)});
    if (!m_server.waitForStarted(10000))
        return QStringLiteral("cannot start python3 -m http.server");
    const bool answers = QTest::qWaitFor(
        [&] {
            QTcpSocket probe;
            probe.connectToHost(QStringLiteral("127.0.0.1"), quint16(m_port));
            return probe.waitForConnected(200);
        },
        10000);
    return answers ? QString() : QStringLiteral("the package index does not answer");
}

QString PackageIndex::url() const
{
    return QStringLiteral("http://127.0.0.1:%1/simple").arg(m_port);
}

} // namespace orch::test
