#include "tools/FileTools.h"

#include "tools/Arguments.h"
#include "tools/ProjectFiles.h"
#include "tools/SourceCheck.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace orch {
namespace {

constexpr qint64 kMaxReadBytes = 256 * 1024;
constexpr int kMaxListed = 2000;
constexpr int kMaxMatches = 200;

Json pathParameter(const char* description)
{
    return {{"type", "string"}, {"description", description}};
}

// The workspace's root as walks see it (symbolic links resolved).
QString realRoot(const Workspace& workspace)
{
    auto root = workspace.resolve(QStringLiteral("."));
    return root ? root.value() : workspace.root();
}

} // namespace

ToolSpec ReadFileTool::spec() const
{
    return {"read_file",
            "Read a text file of the workspace.",
            {{"type", "object"},
             {"properties", {{"path", pathParameter("relative to the workspace")}}},
             {"required", {"path"}}}};
}

void ReadFileTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    auto path = Arguments(arguments).requiredString("path");
    if (!path)
        return done(ToolResult::failure(path.error()));
    auto resolved = Workspace(context.workspace).resolve(path.value());
    if (!resolved)
        return done(ToolResult::failure(resolved.error()));
    QFile file(resolved.value());
    if (!QFileInfo(file).isFile() || !file.open(QIODevice::ReadOnly))
        return done(ToolResult::failure(
            QStringLiteral("cannot read '%1': no such file").arg(path.value())));
    const QByteArray content = file.read(kMaxReadBytes);
    ToolResult result =
        ToolResult::success({{"path", toStd(path.value())}, {"content", content.toStdString()}});
    if (file.size() > kMaxReadBytes)
        result.output["truncated_at_bytes"] = kMaxReadBytes;
    done(std::move(result));
}

ToolSpec WriteFileTool::spec() const
{
    return {"write_file",
            "Create or replace a text file of the workspace (folders are created).",
            {{"type", "object"},
             {"properties",
              {{"path", pathParameter("relative to the workspace")},
               {"content", argument("string", "the whole new content of the file")}}},
             {"required", {"path", "content"}}}};
}

void WriteFileTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto path = args.requiredString("path");
    if (!path)
        return done(ToolResult::failure(path.error()));
    if (!arguments.contains("content") || !arguments["content"].is_string())
        return done(ToolResult::failure(QStringLiteral("argument 'content' must be a string")));
    auto resolved = Workspace(context.workspace).resolve(path.value());
    if (!resolved)
        return done(ToolResult::failure(resolved.error()));
    if (QFileInfo(resolved.value()).isDir())
        return done(ToolResult::failure(QStringLiteral("'%1' is a folder").arg(path.value())));
    if (!QDir().mkpath(QFileInfo(resolved.value()).absolutePath()))
        return done(ToolResult::failure(
            QStringLiteral("cannot create the folder of '%1'").arg(path.value())));
    QSaveFile file(resolved.value());
    const std::string& content = arguments["content"].get_ref<const std::string&>();
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(content.data(), qint64(content.size())) < 0 || !file.commit())
        return done(ToolResult::failure(
            QStringLiteral("cannot write '%1': %2").arg(path.value(), file.errorString())));
    ToolResult result =
        ToolResult::success({{"path", toStd(path.value())}, {"bytes", content.size()}});
    if (!m_check)
        return done(std::move(result));
    m_check->annotate(path.value(), context, std::move(result), std::move(done));
}

ToolSpec ListFilesTool::spec() const
{
    return {"list_files",
            "List the files under a folder of the workspace (recursively).",
            {{"type", "object"},
             {"properties",
              {{"path", pathParameter("folder relative to the workspace; default: the root")}}}}};
}

void ListFilesTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Workspace workspace(context.workspace);
    auto folder = workspace.resolve(Arguments(arguments).optionalString("path"));
    if (!folder)
        return done(ToolResult::failure(folder.error()));
    if (!QFileInfo(folder.value()).isDir())
        return done(ToolResult::failure(QStringLiteral("not a folder")));
    Json files = Json::array();
    bool truncated = false;
    ProjectFiles(realRoot(workspace)).walk(folder.value(), [&](const QString& relative) {
        if (files.size() >= size_t(kMaxListed)) {
            truncated = true;
            return false;
        }
        files.push_back(toStd(relative));
        return true;
    });
    std::sort(files.begin(), files.end());
    Json output = {{"files", std::move(files)}};
    if (truncated)
        output["truncated"] = true;
    done(ToolResult::success(std::move(output)));
}

ToolSpec SearchFilesTool::spec() const
{
    return {"search_files",
            "Find lines matching a regular expression in the workspace's files.",
            {{"type", "object"},
             {"properties",
              {{"pattern", argument("string", "a regular expression, matched per line")},
               {"path", pathParameter("folder to search; default: the root")}}},
             {"required", {"pattern"}}}};
}

void SearchFilesTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto pattern = args.requiredString("pattern");
    if (!pattern)
        return done(ToolResult::failure(pattern.error()));
    const QRegularExpression expression(pattern.value());
    if (!expression.isValid())
        return done(ToolResult::failure(
            QStringLiteral("invalid pattern: %1").arg(expression.errorString())));
    const Workspace workspace(context.workspace);
    auto folder = workspace.resolve(args.optionalString("path"));
    if (!folder)
        return done(ToolResult::failure(folder.error()));
    Json matches = Json::array();
    const QString root = realRoot(workspace);
    ProjectFiles(root).walk(folder.value(), [&](const QString& relative) {
        QFile input(root + QLatin1Char('/') + relative);
        if (input.size() > kMaxReadBytes || !input.open(QIODevice::ReadOnly))
            return true;
        int lineNumber = 0;
        while (!input.atEnd() && matches.size() < size_t(kMaxMatches)) {
            const QString line = QString::fromUtf8(input.readLine()).chopped(0);
            ++lineNumber;
            if (expression.match(line).hasMatch())
                matches.push_back({{"path", toStd(relative)},
                                   {"line", lineNumber},
                                   {"text", toStd(line.trimmed().left(300))}});
        }
        return matches.size() < size_t(kMaxMatches);
    });
    done(ToolResult::success({{"matches", std::move(matches)}}));
}

} // namespace orch
