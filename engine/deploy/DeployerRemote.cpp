// The parts of a deploy that differ on a production server: what runs there is read over
// SSH (which also proves the pinned host key), the release travels as one archive, its Python
// environment is built there by the playbook, and Caddy's local CA certificate is fetched so
// the health checks can verify the server's internal TLS.
#include "deploy/Deployer.h"
#include "deploy/PythonEnvironment.h"
#include "deploy/ServerAccess.h"

#include <QDir>
#include <QFile>
#include <QSaveFile>

namespace orch {
namespace {

constexpr int kSshTimeoutMs = 30000;
const QByteArray kContractMark = "\n--contract--\n";

} // namespace

void Deployer::readRemoteCurrent(const QString& name, CurrentDone done)
{
    const QString appDir = QDir(m_settings.deployRoot).filePath(name);
    // A fixed script; the folder travels as its argument.
    const QString script =
        QStringLiteral("readlink \"$1/current\" || true; printf '\\n--contract--\\n'; "
                       "cat \"$1/current/deploy.json\" 2>/dev/null || true");
    runRemote(this, *m_settings.server,
              {QStringLiteral("sh"), QStringLiteral("-c"), script, QStringLiteral("sh"), appDir},
              kSshTimeoutMs, [this, done](const CommandOutput& output) {
                  if (!output.ok()) {
                      m_outcome.hostKeyChanged = hostKeyChanged(output);
                      m_outcome.serverUnreachable =
                          !m_outcome.hostKeyChanged && (output.exitCode == 255 || output.timedOut);
                      return done(Error{describeSshFailure(m_settings.server->server(), output)});
                  }
                  const qsizetype mark = output.out.indexOf(kContractMark);
                  const QString link =
                      QString::fromUtf8(output.out.left(std::max<qsizetype>(0, mark))).trimmed();
                  const QString release = link.isEmpty() ? QString() : QFileInfo(link).fileName();
                  const QByteArray declared =
                      mark < 0 ? QByteArray() : output.out.mid(mark + kContractMark.size());
                  ServiceContract contract;
                  if (!declared.trimmed().isEmpty())
                      if (auto parsed = ServiceContract::fromJson(parseJson(declared)))
                          contract = parsed.value();
                  done(std::make_pair(release, contract));
              });
}

void Deployer::prepareRemote(const QString& sha)
{
    auto requirements =
        PythonEnvironment::readRequirements(m_staging, m_outcome.contract.dependencies);
    if (!requirements) {
        m_outcome.reason =
            QStringLiteral("installing the dependencies failed: %1").arg(requirements.error());
        return finish();
    }
    if (!requirements->isEmpty()) {
        m_pipArguments =
            PythonEnvironment::pipInstallArguments(m_settings.python, requirements.value());
        m_pipKey = PythonEnvironment::environmentKey(m_settings.python, requirements.value());
        emit progress(QStringLiteral("%1's dependencies (%2) will be installed on %3 from %4")
                          .arg(m_request.name, requirements->join(QStringLiteral(", ")),
                               m_settings.server->server().name, m_settings.python.indexUrl));
    }
    m_archive = m_staging + QStringLiteral(".tar.gz");
    QFile::remove(m_archive);
    runCommand(
        this, QStringLiteral("tar"),
        {QStringLiteral("-C"), m_staging, QStringLiteral("-czf"), m_archive, QStringLiteral(".")},
        {}, 120000, [this, sha](const CommandOutput& output) {
            phaseDone(QStringLiteral("pack"));
            if (!output.ok()) {
                m_outcome.reason = QStringLiteral("cannot pack the release: %1")
                                       .arg(QString::fromUtf8(output.err.left(500)));
                return finish();
            }
            install(sha);
        });
}

void Deployer::fetchCaRoot(std::function<void(QString)> done)
{
    if (!m_settings.internalTls())
        return done({}); // real domains: the system's CAs verify Let's Encrypt's certificates
    const QString remoteFile =
        QDir(m_settings.caddyFolder())
            .filePath(QStringLiteral("storage/pki/authorities/local/root.crt"));
    runRemote(
        this, *m_settings.server, {QStringLiteral("cat"), QStringLiteral("--"), remoteFile},
        kSshTimeoutMs, [this, done](const CommandOutput& output) {
            if (!output.ok())
                return done(QStringLiteral("cannot read the server's Caddy certificate: %1")
                                .arg(describeSshFailure(m_settings.server->server(), output)));
            QDir().mkpath(m_settings.workFolder());
            QSaveFile file(m_settings.caRootFile());
            if (!file.open(QIODevice::WriteOnly) || file.write(output.out) < 0 || !file.commit())
                return done(QStringLiteral("cannot keep the server's Caddy certificate in %1")
                                .arg(m_settings.caRootFile()));
            done({});
        });
}

} // namespace orch
