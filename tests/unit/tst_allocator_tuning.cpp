// tuneAllocator(): a program started without GLIBC_TUNABLES starts itself again with glibc's
// per-thread cache of freed blocks larger, keeps a setting its starter gave instead, and passes
// neither to the processes it starts (its environment has neither once it runs). This binary tunes
// itself as orchestratord does; run with
// --show it prints the GLIBC_TUNABLES it started with, the one it has now, the mark of a
// start again, and its name.

#include "core/AllocatorTuning.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

QByteArray startedWith(const QByteArray& name)
{
    QFile environ(QStringLiteral("/proc/self/environ"));
    if (!environ.open(QIODevice::ReadOnly))
        return "?";
    for (const QByteArray& entry : environ.readAll().split('\0'))
        if (entry.startsWith(name + '='))
            return entry.mid(name.size() + 1);
    return {};
}

} // namespace

class TestAllocatorTuning : public QObject
{
    Q_OBJECT

    static QByteArray show(const QProcessEnvironment& environment)
    {
        QProcess self;
        self.setProcessEnvironment(environment);
        self.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--show")});
        if (!self.waitForFinished(30000))
            return "did not finish";
        return self.readAllStandardOutput().trimmed();
    }
    static QProcessEnvironment withoutTunables()
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.remove(QStringLiteral("GLIBC_TUNABLES"));
        return environment;
    }

private slots:
    void startsAgainWithALargerCache()
    {
        // Started with it; has neither it nor the mark now, so its children do not get them;
        // and is known by its own name still (ps, pgrep), not "exe".
        QCOMPARE(show(withoutTunables()),
                 QByteArray("glibc.malloc.tcache_count=256|||tst_allocator_t"));
    }

    void keepsWhatItsStarterSet()
    {
        QProcessEnvironment environment = withoutTunables();
        environment.insert(QStringLiteral("GLIBC_TUNABLES"),
                           QStringLiteral("glibc.malloc.perturb=0"));
        QCOMPARE(show(environment),
                 QByteArray("glibc.malloc.perturb=0|glibc.malloc.perturb=0||tst_allocator_t"));
    }
};

int main(int argc, char* argv[])
{
    orch::tuneAllocator(argv);
    if (argc > 1 && std::strcmp(argv[1], "--show") == 0) {
        const char* now = std::getenv("GLIBC_TUNABLES");
        const char* mark = std::getenv("ORCH_STARTED_TUNED");
        QFile comm(QStringLiteral("/proc/self/comm"));
        const QByteArray name = comm.open(QIODevice::ReadOnly) ? comm.readAll().trimmed() : "?";
        std::printf("%s|%s|%s|%s\n", startedWith("GLIBC_TUNABLES").constData(), now ? now : "",
                    mark ? mark : "", name.constData());
        return 0;
    }
    QCoreApplication app(argc, argv);
    TestAllocatorTuning test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_allocator_tuning.moc"
