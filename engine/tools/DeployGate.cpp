#include "tools/DeployGate.h"

#include "tools/ProjectFiles.h"
#include "workspace/GitRepository.h"
#include "workspace/Workspace.h"

#include <QCryptographicHash>
#include <QFile>

namespace orch::gate {

QString workspaceFingerprint(const QString& workspace)
{
    auto root = Workspace(workspace).resolve(QStringLiteral("."));
    if (!root)
        return {};
    QCryptographicHash hash(QCryptographicHash::Sha256);
    ProjectFiles(root.value()).walk(root.value(), [&](const QString& relative) {
        QFile file(root.value() + QLatin1Char('/') + relative);
        hash.addData(relative.toUtf8());
        hash.addData(QByteArrayView("\0", 1));
        if (file.open(QIODevice::ReadOnly))
            hash.addData(&file);
        hash.addData(QByteArrayView("\0", 1));
        return true;
    });
    return QString::fromLatin1(hash.result().toHex());
}

QString deployProblem(const QString& workspace, const Json& state)
{
    const Json& tests = objectAt(state, "tests");
    if (!boolOr(tests, "passed", false))
        return QStringLiteral("the tests have not passed; run run_tests and fix what fails");
    const std::string tested = stringOr(tests, "fingerprint");
    if (tested.empty())
        return QStringLiteral("no passing test run is on record (only run_tests records one); "
                              "run run_tests");
    if (toQ(tested) != workspaceFingerprint(workspace))
        return QStringLiteral("files changed since the tests last passed; run run_tests again");
    auto repository = GitRepository::open(workspace, false);
    if (!repository)
        return QStringLiteral("the work is not committed: commit it with git_commit");
    if (!repository.value()->headSha())
        return QStringLiteral("nothing is committed yet: commit the work with git_commit");
    auto changes = repository.value()->status();
    if (!changes)
        return QStringLiteral("cannot read the repository's status: %1").arg(changes.error());
    if (!changes->isEmpty())
        return QStringLiteral("there are uncommitted changes (%1); commit them with git_commit")
            .arg(changes->mid(0, 10).join(QStringLiteral(", ")));
    return {};
}

} // namespace orch::gate
