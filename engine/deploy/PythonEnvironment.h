#pragma once
// A Python environment with a project's dependencies: `<folder>/.venv`, made with the system's
// Python and filled by pip from the configured index. pip runs in the sandbox with the folder
// writable and no network but a proxy to the index (sandbox/AllowListProxy.h); what it may fetch is
// limited by what it is given: the index URL of the settings and requirements checked as
// plain names and versions (Requirements.h), with every pip configuration file ignored. Installing
// is skipped when the environment already holds the same requirements from the same index for the
// same interpreter, and an earlier release's environment made of the same is lent (hard-linked)
// instead of installing.

#include "core/FailureClass.h"
#include "core/Result.h"
#include "sandbox/SandboxSettings.h"

#include <QElapsedTimer>
#include <QObject>

class QProcess;

namespace orch {

class AllowListProxy;

struct PythonSettings
{
    QString indexUrl = QStringLiteral("https://pypi.org/simple");
    int installTimeoutS = 600;
    bool sourceBuilds = false; // sdists run their own build code: wheels only unless allowed
    QString python = QStringLiteral("/usr/bin/python3");
    QStringList fileHosts; // "host[:port]" pip may fetch from besides the index's own host
};

struct PythonInstall
{
    bool ok = false;
    bool installed = false; // false: nothing to install, or the environment was up to date
    bool reused = false;    // lent by an earlier release's environment
    QStringList requirements;
    QString message; // on failure: why, with the tail of pip's output
    // On failure: the code's (a requirement that does not exist or resolve) or the machine's
    // (the index unreachable, a timeout, the disk).
    FailureClass failure = FailureClass::Environment;
    qint64 ms = 0;
};

class PythonEnvironment : public QObject
{
    Q_OBJECT
public:
    PythonEnvironment(PythonSettings python, SandboxSettings sandbox, QObject* parent);

    // Prepares `<folder>/.venv` for the requirements in `<folder>/<dependencyFile>`; a
    // missing or empty file needs no environment. Always answers through finished().
    void prepare(const QString& folder, const QString& dependencyFile);
    // A folder whose `.venv` may be lent to the next prepare() when it was made of the same
    // requirements, index and interpreter (the release running before).
    void setReuseFrom(const QString& folder) { m_reuseFrom = folder; }
    // The hosts pip may reach: the index URL's host and port, pypi.org's file host with it,
    // and `fileHosts` ("host[:port]", 443 unless given).
    static QStringList packageIndexHosts(const QString& indexUrl, const QStringList& fileHosts);
    // Where the interpreter of `folder`'s environment is (it need not exist).
    static QString interpreterIn(const QString& folder);
    // The checked requirements of `dependencyFile` in `folder` (none without the file).
    static Result<QStringList> readRequirements(const QString& folder,
                                                const QString& dependencyFile);
    // pip's arguments after `install`: the index, wheels only unless allowed, the names.
    static QStringList pipInstallArguments(const PythonSettings& python,
                                           const QStringList& requirements);
    // What an environment is made of, as a hash: the index, whether sources may build, the
    // requirements. Its stamp adds the interpreter's real path (python3 -> python3.11), so a
    // new Python version never reuses an environment made for another.
    static QString environmentKey(const PythonSettings& python, const QStringList& requirements);
    static QString stampFor(const PythonSettings& python, const QStringList& requirements);

signals:
    void finished(const orch::PythonInstall& result);

private:
    void finish(bool ok, const QString& message);
    // The environment of m_reuseFrom hard-linked (or copied) into `folder`; false: none fits.
    bool lendEarlierEnvironment(const QString& folder);
    void install(const QString& folder, const QStringList& requirements);

    PythonSettings m_python;
    SandboxSettings m_sandbox;
    PythonInstall m_result;
    QElapsedTimer m_clock;
    QString m_stamp; // written into the environment once pip succeeded
    QString m_stampFile;
    QString m_reuseFrom;
    AllowListProxy* m_proxy = nullptr; // while pip runs
};

} // namespace orch

Q_DECLARE_METATYPE(orch::PythonInstall)
