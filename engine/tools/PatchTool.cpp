#include "tools/PatchTool.h"

#include "tools/Arguments.h"
#include "tools/UnifiedDiff.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <map>

namespace orch {

ToolSpec PatchTool::spec() const
{
    return {
        "apply_patch",
        "Apply a unified diff (---/+++ headers, @@ hunks) to workspace files. All files "
        "change or none does.",
        {{"type", "object"},
         {"properties",
          {{"diff", argument("string", "the unified diff, with ---/+++ headers and @@ hunks")}}},
         {"required", {"diff"}}}};
}

void PatchTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    auto diff = Arguments(arguments).requiredString("diff");
    if (!diff)
        return done(ToolResult::failure(diff.error()));
    auto patches = parseUnifiedDiff(diff.value());
    if (!patches)
        return done(ToolResult::failure(QStringLiteral("malformed diff: %1").arg(patches.error())));
    const Workspace workspace(context.workspace);
    std::map<QString, std::optional<QString>> results; // absolute path → content (none: delete)
    Json changed = Json::array();
    for (const FilePatch& patch : patches.value()) {
        const QString shown = patch.newPath.isEmpty() ? patch.oldPath : patch.newPath;
        auto target = workspace.resolve(shown);
        if (!target)
            return done(ToolResult::failure(target.error()));
        QString original;
        if (!patch.oldPath.isEmpty()) {
            auto source = workspace.resolve(patch.oldPath);
            if (!source)
                return done(ToolResult::failure(source.error()));
            QFile file(source.value());
            if (!file.open(QIODevice::ReadOnly))
                return done(
                    ToolResult::failure(QStringLiteral("%1: no such file").arg(patch.oldPath)));
            original = QString::fromUtf8(file.readAll());
        }
        if (patch.newPath.isEmpty()) {
            results[target.value()] = std::nullopt;
        } else {
            auto applied = applyFilePatch(patch, original);
            if (!applied)
                return done(
                    ToolResult::failure(QStringLiteral("%1: %2").arg(shown, applied.error())));
            results[target.value()] = applied.value();
        }
        changed.push_back(toStd(shown));
    }
    for (const auto& [path, content] : results) {
        if (!content) {
            QFile::remove(path);
            continue;
        }
        QDir().mkpath(QFileInfo(path).absolutePath());
        QSaveFile file(path);
        const QByteArray bytes = content->toUtf8();
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
            return done(
                ToolResult::failure(QStringLiteral("cannot write %1: %2")
                                        .arg(workspace.relativePath(path), file.errorString())));
    }
    done(ToolResult::success({{"changed", std::move(changed)}}));
}

} // namespace orch
