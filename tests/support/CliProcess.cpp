#include "CliProcess.h"

#include <QProcessEnvironment>
#include <QTest>

namespace orch::test {

QString orchestratordPath()
{
    return qEnvironmentVariable("ORCHESTRATORD");
}

void startCli(QProcess& process, const QStringList& arguments, const QStringList& extraEnvironment)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (const QString& entry : extraEnvironment)
        env.insert(entry.section(QLatin1Char('='), 0, 0), entry.section(QLatin1Char('='), 1));
    process.setProcessEnvironment(env);
    process.start(orchestratordPath(), arguments);
}

CliResult runCli(const QStringList& arguments, const QStringList& extraEnvironment, int timeoutMs)
{
    return runCliWithInput(arguments, {}, extraEnvironment, timeoutMs);
}

CliResult runCliWithInput(const QStringList& arguments, const QByteArray& input,
                          const QStringList& extraEnvironment, int timeoutMs)
{
    QProcess process;
    startCli(process, arguments, extraEnvironment);
    if (!process.waitForStarted(10000))
        qWarning("cannot start %s: %s", qPrintable(orchestratordPath()),
                 qPrintable(process.errorString()));
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    (void)QTest::qWaitFor([&] { return process.state() == QProcess::NotRunning; }, timeoutMs);
    if (process.state() != QProcess::NotRunning) {
        qWarning("orchestratord %s did not finish", qPrintable(arguments.join(' ')));
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1,
            QString::fromUtf8(process.readAllStandardOutput()),
            QString::fromUtf8(process.readAllStandardError())};
}

} // namespace orch::test
