#pragma once
// Deploys of real workspaces on this machine, as DevOps's deploy tool makes them: a project's
// files committed to its own git repository (or a bundled template filled in as the scaffold
// fills it), deployed and torn down by a Deployer, waited for.

#include "deploy/Deployer.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <map>
#include <memory>

namespace orch::test {

class DeployHarness
{
public:
    // `root`: where workspaces go (root/ws/<project>).
    explicit DeployHarness(QString root) : m_root(std::move(root)) {}

    void start(const DeploySettings& settings)
    {
        m_deployer = std::make_unique<Deployer>(settings, nullptr);
    }
    Deployer& deployer() { return *m_deployer; }
    // Drops the deployer, whatever it is doing (as a cancelled run drops its tools).
    void stop() { m_deployer.reset(); }
    QString workspace(const QString& project) const
    {
        return QDir(m_root).filePath("ws/" + project);
    }

    // Writes `files` into the project's workspace and commits them; the new commit's sha.
    QString commit(const QString& project, const std::map<QString, QByteArray>& files)
    {
        for (const auto& [path, content] : files) {
            const QString target = QDir(workspace(project)).filePath(path);
            QDir().mkpath(QFileInfo(target).absolutePath());
            QFile file(target);
            if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
                qFatal("cannot write %s", qPrintable(target));
        }
        auto repository = GitRepository::open(workspace(project), true);
        return repository.value()->commitAll("change", "t", "t@localhost").value();
    }
    // The files of a bundled template as the scaffold would fill them in.
    static std::map<QString, QByteArray> bundled(const QString& name)
    {
        std::map<QString, QByteArray> files;
        const QString root = ":/templates/" + name;
        QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            QFile file(it.next());
            file.open(QIODevice::ReadOnly);
            QByteArray text = file.readAll();
            text.replace("{{project_name|py}}", "\"Clock\"");
            text.replace("{{project_name|line}}", "Clock");
            text.replace("{{description}}", "A test project.");
            files[QDir(root).relativeFilePath(file.fileName())] = text;
        }
        return files;
    }
    DeployOutcome deploy(const QString& project, std::map<QString, QByteArray> env = {},
                         int port = 0)
    {
        DeployRequest request;
        request.name = project;
        request.workspace = workspace(project);
        request.port = port;
        request.env = std::move(env);
        QSignalSpy done(m_deployer.get(), &Deployer::deployed);
        m_deployer->deploy(request);
        if (!done.wait(180000))
            qWarning("deploy did not finish");
        return done.isEmpty() ? DeployOutcome() : done.first().first().value<DeployOutcome>();
    }
    bool teardown(const QString& name)
    {
        QSignalSpy done(m_deployer.get(), &Deployer::tornDown);
        m_deployer->teardown(name);
        return done.wait(60000) && done.first().first().toBool();
    }

private:
    QString m_root;
    std::unique_ptr<Deployer> m_deployer;
};

} // namespace orch::test
