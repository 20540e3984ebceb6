#pragma once
// Runs orchestratord as a real child process while the test's event loop keeps serving the
// fake servers (waitForFinished would block them).

#include <QProcess>
#include <QStringList>

namespace orch::test {

struct CliResult
{
    int exitCode = -1;
    QString out;
    QString err;
};

QString orchestratordPath(); // from the ORCHESTRATORD environment variable set by CTest
CliResult runCli(const QStringList& arguments, const QStringList& extraEnvironment = {},
                 int timeoutMs = 60000);
// The same, with `input` on its standard input (a secret for `secrets set`, which never takes
// one on the command line).
CliResult runCliWithInput(const QStringList& arguments, const QByteArray& input,
                          const QStringList& extraEnvironment = {}, int timeoutMs = 60000);
// Starts without waiting; the caller owns the process.
void startCli(QProcess& process, const QStringList& arguments,
              const QStringList& extraEnvironment = {});

} // namespace orch::test
