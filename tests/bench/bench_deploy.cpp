// bench_deploy: where a deploy's time goes. Real deploys (ansible-playbook, Caddy, pip from a
// package index of the benchmark's own, sshd on loopback for the server), one after another:
//
//   local_stdlib       a stdlib HTTP service, first deploy on this machine
//   local_dependency   the same with one pip dependency
//   redeploy_unchanged the dependency service's release deployed again, nothing changed
//   new_commit         a new commit of it, requirements unchanged
//   rollback           its first release deployed again (what a rollback does)
//   failed_release     a release that answers "broken": how long until it is rolled back
//   ssh_dependency     the dependency service deployed to a server over SSH (root only)
//
//   bench_deploy [--runs N] [--no-ssh]
//
// Prints one JSON line per scenario and run: {"scenario":…,"ms":…,"ok":…,"phases":{…}} and a
// table at the end (medians). Exits 1 when a deploy did not end as it should (every one
// healthy but the broken release's). Not a test: the smoke entry only proves it still runs.

#include "LocalPorts.h"
#include "PackageIndex.h"
#include "ServerProject.h"
#include "SshServer.h"
#include "TestFiles.h"
#include "deploy/Deployer.h"
#include "deploy/ServerAccess.h"
#include "deploy/ServerCheck.h"
#include "workspace/GitRepository.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>
#include <map>

using namespace orch;
using namespace orch::test;

namespace {

const QByteArray kPlainContract =
    "{\"kind\": \"http-service\", \"entry\": [\"python3\", \"app.py\"]}";

struct Sample
{
    qint64 ms = 0;
    bool ok = false;
    std::map<QString, qint64> phases;
};

QString commitFiles(const QString& workspace, const std::map<QString, QByteArray>& files,
                    const QString& message)
{
    QDir().mkpath(workspace);
    for (const auto& [path, content] : files) {
        QFile file(QDir(workspace).filePath(path));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
    }
    auto repository = GitRepository::open(workspace, true);
    return repository.value()->commitAll(message, "bench", "bench@localhost").value();
}

Sample timedDeploy(Deployer& deployer, const DeployRequest& request)
{
    QSignalSpy done(&deployer, &Deployer::deployed);
    QElapsedTimer clock;
    clock.start();
    deployer.deploy(request);
    Sample sample;
    if (!done.wait(300000))
        return sample;
    sample.ms = clock.elapsed();
    const auto outcome = done.first().first().value<DeployOutcome>();
    sample.ok = outcome.ok;
    for (const DeployPhase& phase : outcome.phases)
        sample.phases[phase.name] += phase.ms;
    if (!outcome.ok)
        std::fprintf(stderr, "%s: %s\n", qPrintable(request.name),
                     qPrintable(outcome.reason.left(600)));
    return sample;
}

void teardown(Deployer& deployer, const QString& name)
{
    QSignalSpy gone(&deployer, &Deployer::tornDown);
    deployer.teardown(name);
    gone.wait(120000);
}

class Results
{
public:
    void add(const QString& scenario, const Sample& sample)
    {
        QString phases;
        for (const auto& [name, ms] : sample.phases)
            phases += QStringLiteral("%1\"%2\":%3").arg(phases.isEmpty() ? "" : ",", name).arg(ms);
        std::printf("{\"scenario\":\"%s\",\"ms\":%lld,\"ok\":%s,\"phases\":{%s}}\n",
                    qPrintable(scenario), sample.ms, sample.ok ? "true" : "false",
                    qPrintable(phases));
        std::fflush(stdout);
        m_samples[scenario].push_back(sample);
        // Every deploy works but the broken release, which must not.
        if (sample.ok == (scenario == QLatin1String("failed_release")) || sample.ms == 0)
            m_unexpected = true;
        if (std::find(m_order.begin(), m_order.end(), scenario) == m_order.end())
            m_order.push_back(scenario);
    }
    bool allAsExpected() const { return !m_unexpected; }
    void printTable() const
    {
        std::printf("\n%-20s %8s  %s\n", "scenario", "median", "phases (median ms)");
        for (const QString& scenario : m_order) {
            const auto& samples = m_samples.at(scenario);
            std::map<QString, std::vector<qint64>> phases;
            std::vector<qint64> totals;
            for (const Sample& sample : samples) {
                totals.push_back(sample.ms);
                for (const auto& [name, ms] : sample.phases)
                    phases[name].push_back(ms);
            }
            QString parts;
            for (auto& [name, values] : phases)
                parts += QStringLiteral("%1=%2 ").arg(name).arg(median(values));
            const bool allOk =
                std::all_of(samples.begin(), samples.end(), [&](const Sample& s) { return s.ok; });
            std::printf("%-20s %7.1fs  %s%s\n", qPrintable(scenario), median(totals) / 1000.0,
                        qPrintable(parts), allOk ? "" : "(not ok)");
        }
    }

private:
    static qint64 median(std::vector<qint64> values)
    {
        std::sort(values.begin(), values.end());
        return values.empty() ? 0 : values[values.size() / 2];
    }
    std::map<QString, std::vector<Sample>> m_samples;
    bool m_unexpected = false;
    std::vector<QString> m_order;
};

// A server of the benchmark's own: sshd on loopback, its host key pinned, bootstrapped.
std::shared_ptr<ServerAccess> bootstrapServer(SshServer& sshd, const QString& root)
{
    ServerRecord server = sshd.record("bench", root);
    server.hostKeys = sshd.scanHostKeys();
    auto access = ServerAccess::open(server, sshd.clientPrivateKey());
    if (!access)
        qFatal("%s", qPrintable(access.error()));
    return access.value();
}

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addOption({"runs", "Runs of each scenario.", "N", "3"});
    parser.addOption({"no-ssh", "Skip the deploy over SSH."});
    parser.process(app);
    const int runs = std::max(1, parser.value("runs").toInt());
    qRegisterMetaType<orch::DeployOutcome>();
    qRegisterMetaType<orch::ServerReport>();

    QTemporaryDir dir;
    letOthersThrough(dir.path());
    PackageIndex index;
    QString error = index.addPackage("tinyclock", "1.0", "def stamp():\n    return 'tiny-1.0'\n");
    if (error.isEmpty())
        error = index.start();
    if (!error.isEmpty()) {
        std::fprintf(stderr, "package index: %s\n", qPrintable(error));
        return 1;
    }
    DeploySettings local;
    local.deployRoot = dir.filePath("root");
    local.httpPort = freePort();
    local.httpsPort = freePort();
    local.healthTimeoutMs = 30000;
    local.python.indexUrl = index.url();
    Deployer deployer(local, nullptr);
    Results results;

    const QString plain = dir.filePath("plain");
    const QString withDependency = dir.filePath("dependency");
    commitFiles(plain,
                {{"app.py", httpService("'ok'", "'plain': True")}, {"deploy.json", kPlainContract}},
                "plain");
    QByteArray service = kService;
    service.replace("STATUS", "'ok'");
    const QString first = commitFiles(
        withDependency,
        {{"app.py", service}, {"deploy.json", kContract}, {"requirements.txt", "tinyclock==1.0\n"}},
        "first");
    const int plainPort = freePort();
    const int dependencyPort = freePort();

    for (int run = 0; run < runs; ++run) {
        // A first deploy each run: the services from the run before are gone.
        results.add("local_stdlib", timedDeploy(deployer, {"bench-plain", plain, plainPort, {}}));
        results.add("local_dependency",
                    timedDeploy(deployer, {"bench-dep", withDependency, dependencyPort, {}}));
        results.add("redeploy_unchanged",
                    timedDeploy(deployer, {"bench-dep", withDependency, dependencyPort, {}}));
        commitFiles(withDependency,
                    {{"app.py", service + "# run " + QByteArray::number(run) + "\n"}}, "a change");
        results.add("new_commit",
                    timedDeploy(deployer, {"bench-dep", withDependency, dependencyPort, {}}));
        results.add(
            "rollback",
            timedDeploy(deployer, {"bench-dep", withDependency, dependencyPort, {}, first}));
        QByteArray broken = kService;
        broken.replace("STATUS", "'broken'");
        commitFiles(withDependency, {{"app.py", broken}}, "broken");
        results.add("failed_release",
                    timedDeploy(deployer, {"bench-dep", withDependency, dependencyPort, {}}));
        commitFiles(withDependency, {{"app.py", service}}, "fixed");
        teardown(deployer, "bench-plain");
        teardown(deployer, "bench-dep");
    }

    if (!parser.isSet("no-ssh") && SshServer::unavailableReason().isEmpty()) {
        SshServer sshd;
        if (const QString error = sshd.start(); !error.isEmpty()) {
            std::fprintf(stderr, "sshd: %s\n", qPrintable(error));
            return 1;
        }
        auto access = bootstrapServer(sshd, dir.filePath("server-root"));
        DeploySettings aimed = local.forServer(access);
        {
            ServerCheck check(aimed, nullptr);
            QSignalSpy checked(&check, &ServerCheck::finished);
            check.run(true);
            if (!checked.wait(300000) || !checked.first().first().value<ServerReport>().ready()) {
                std::fprintf(stderr, "the server's bootstrap failed\n");
                return 1;
            }
        }
        for (int run = 0; run < runs; ++run) {
            Deployer remote(aimed, nullptr);
            results.add("ssh_dependency",
                        timedDeploy(remote, {"bench-ssh", withDependency, freePort(), {}}));
            teardown(remote, "bench-ssh");
        }
    }
    results.printTable();
    return results.allAsExpected() ? 0 : 1;
}
