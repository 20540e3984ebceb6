#include "tools/EditTools.h"

#include "tools/Arguments.h"
#include "tools/TextMatch.h"
#include "workspace/Workspace.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace orch {
namespace {

constexpr qint64 kMaxEditableBytes = 1024 * 1024;
constexpr int kDefaultViewLines = 300;
constexpr int kMaxViewBytes = 48 * 1024;
constexpr int kContextLines = 3; // shown around a change

struct TextFile
{
    QString absolute;
    QString text;
};

Result<TextFile> readText(const ToolContext& context, const QString& path)
{
    auto resolved = Workspace(context.workspace).resolve(path);
    if (!resolved)
        return resolved.failure();
    QFile file(resolved.value());
    if (!QFileInfo(file).isFile() || !file.open(QIODevice::ReadOnly))
        return Error{QStringLiteral("cannot read '%1': no such file; list_files shows what "
                                    "there is, create_file makes a new one")
                         .arg(path)};
    if (file.size() > kMaxEditableBytes)
        return Error{QStringLiteral("'%1' is %2 bytes, too large to edit here (at most %3)")
                         .arg(path)
                         .arg(file.size())
                         .arg(kMaxEditableBytes)};
    return TextFile{resolved.value(), QString::fromUtf8(file.readAll())};
}

Result<void> saveText(const QString& absolute, const QString& text)
{
    if (!QDir().mkpath(QFileInfo(absolute).absolutePath()))
        return Error{QStringLiteral("cannot create the folder")};
    QSaveFile file(absolute);
    const QByteArray bytes = text.toUtf8();
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) < 0 || !file.commit())
        return Error{QStringLiteral("cannot write: %1").arg(file.errorString())};
    return {};
}

QStringList linesOf(const QString& text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the newline that ends the last line opens no new one
    return lines;
}

// The lines around a change, numbered, so the model sees the result without viewing again.
QString around(const QString& text, int firstLine, int lineCount)
{
    const QStringList lines = linesOf(text);
    const int first = std::max(0, firstLine - 1 - kContextLines);
    return textmatch::numbered(lines, first, lineCount + 2 * kContextLines + 1);
}

// Why `wanted` is not in the file, with what the file says where it looks most alike.
QString notFound(const QString& path, const QString& text, const QString& wanted)
{
    const QStringList lines = linesOf(text);
    const QStringList wantedLines = linesOf(wanted);
    const textmatch::Region region = textmatch::closestRegion(lines, wantedLines);
    QString message = QStringLiteral("old_text was not found in %1. It must match the file "
                                     "exactly, including indentation and blank lines.")
                          .arg(path);
    if (region.score >= 0.5) {
        bool sameWhenTrimmed = region.count == wantedLines.size();
        for (int i = 0; sameWhenTrimmed && i < region.count; ++i)
            sameWhenTrimmed = lines.at(region.first + i).trimmed() == wantedLines.at(i).trimmed();
        message += sameWhenTrimmed
                       ? QStringLiteral(" Lines %1-%2 match if indentation is ignored; copy "
                                        "their exact indentation:\n")
                       : QStringLiteral(" The closest region is lines %1-%2:\n");
        message = message.arg(region.first + 1).arg(region.first + region.count);
        message += textmatch::numbered(lines, region.first, region.count);
    } else {
        message += QStringLiteral(" Nothing in the file looks like it; view_file shows the "
                                  "file with line numbers.");
    }
    return message;
}

} // namespace

ToolSpec ViewFileTool::spec() const
{
    return {"view_file",
            "Show a text file of the workspace with line numbers (`  12| text`), "
            "300 lines at a time. The answer says how many lines the file has; ask for "
            "another range with start_line.",
            {{"type", "object"},
             {"properties",
              {{"path", argument("string", "the file, relative to the workspace")},
               {"start_line",
                argument("integer", "first line to show (1-based); default 1", {{"minimum", 1}})},
               {"end_line", argument("integer", "last line to show; default start_line + 299",
                                     {{"minimum", 1}})}}},
             {"required", {"path"}}}};
}

void ViewFileTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto path = args.requiredString("path");
    if (!path)
        return done(ToolResult::failure(path.error()));
    auto file = readText(context, path.value());
    if (!file)
        return done(ToolResult::failure(file.error()));
    const QStringList lines = linesOf(file->text);
    const int total = int(lines.size());
    const int start = int(std::max<long long>(1, intOr(arguments, "start_line", 1)));
    int end = int(std::min<long long>(
        total, intOr(arguments, "end_line", qint64(start) + kDefaultViewLines - 1)));
    if (total > 0 && start > total)
        return done(
            ToolResult::failure(QStringLiteral("%1 has %2 lines; start_line %3 is past its end")
                                    .arg(path.value())
                                    .arg(total)
                                    .arg(start)));
    QString shown = textmatch::numbered(lines, start - 1, end - start + 1);
    if (shown.size() > kMaxViewBytes) {
        shown.truncate(kMaxViewBytes);
        shown.truncate(shown.lastIndexOf(QLatin1Char('\n')) + 1);
        end = start - 1 + int(shown.count(QLatin1Char('\n')));
    }
    Json output = {{"path", toStd(path.value())},
                   {"total_lines", total},
                   {"start_line", start},
                   {"end_line", end},
                   {"content", toStd(shown)}};
    if (end < total)
        output["more"] = toStd(QStringLiteral("lines %1-%2 follow; view them with start_line=%1")
                                   .arg(end + 1)
                                   .arg(total));
    done(ToolResult::success(std::move(output)));
}

ToolSpec EditFileTool::spec() const
{
    return {"edit_file",
            "Replace one exact piece of a file: old_text must occur exactly once (copy it from "
            "view_file without the line numbers, with its indentation; include a few lines "
            "around the change so it is unique). An empty new_text deletes it. When old_text "
            "is not found, the error shows the closest region of the file.",
            {{"type", "object"},
             {"properties",
              {{"path", argument("string", "the file, relative to the workspace")},
               {"old_text", argument("string", "the exact text to replace")},
               {"new_text", argument("string", "the text that replaces it")}}},
             {"required", {"path", "old_text", "new_text"}}}};
}

void EditFileTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto path = args.requiredString("path");
    if (!path)
        return done(ToolResult::failure(path.error()));
    const QString oldText = toQ(stringOr(arguments, "old_text"));
    const QString newText = toQ(stringOr(arguments, "new_text"));
    if (oldText.isEmpty())
        return done(ToolResult::failure(QStringLiteral(
            "old_text is empty; to add lines use insert_lines, to write a new file create_file")));
    auto file = readText(context, path.value());
    if (!file)
        return done(ToolResult::failure(file.error()));
    const auto found = textmatch::occurrences(file->text, oldText, 20);
    if (found.empty())
        return done(ToolResult::failure(notFound(path.value(), file->text, oldText)));
    if (found.size() > 1) {
        QStringList where;
        for (qsizetype at : found)
            where << QString::number(textmatch::lineAt(file->text, at));
        return done(ToolResult::failure(
            QStringLiteral("old_text occurs %1 times in %2 (at lines %3); include more of the "
                           "lines around the one you mean so it occurs once")
                .arg(found.size() >= 20 ? QStringLiteral("20 or more")
                                        : QString::number(found.size()),
                     path.value(), where.join(QStringLiteral(", ")))));
    }
    QString text = file->text;
    text.replace(found.front(), oldText.size(), newText);
    if (auto saved = saveText(file->absolute, text); !saved)
        return done(ToolResult::failure(saved.error()));
    const int line = textmatch::lineAt(text, found.front());
    ToolResult result = ToolResult::success(
        {{"path", toStd(path.value())},
         {"line", line},
         {"now", toStd(around(text, line, int(newText.count(QLatin1Char('\n')))))}});
    m_check->annotate(path.value(), context, std::move(result), std::move(done));
}

ToolSpec CreateFileTool::spec() const
{
    return {"create_file",
            "Create a new text file (folders are created). Fails when the file exists: change "
            "an existing file with edit_file or insert_lines.",
            {{"type", "object"},
             {"properties",
              {{"path", argument("string", "the new file, relative to the workspace")},
               {"content", argument("string", "the whole content of the file")}}},
             {"required", {"path", "content"}}}};
}

void CreateFileTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto path = args.requiredString("path");
    if (!path)
        return done(ToolResult::failure(path.error()));
    auto resolved = Workspace(context.workspace).resolve(path.value());
    if (!resolved)
        return done(ToolResult::failure(resolved.error()));
    if (QFileInfo::exists(resolved.value()))
        return done(ToolResult::failure(
            QStringLiteral("'%1' exists; change it with edit_file or insert_lines (view_file "
                           "shows it)")
                .arg(path.value())));
    const QString content = toQ(stringOr(arguments, "content"));
    if (auto saved = saveText(resolved.value(), content); !saved)
        return done(ToolResult::failure(QStringLiteral("%1: %2").arg(path.value(), saved.error())));
    ToolResult result = ToolResult::success({{"path", toStd(path.value())},
                                             {"lines", linesOf(content).size()},
                                             {"bytes", content.toUtf8().size()}});
    m_check->annotate(path.value(), context, std::move(result), std::move(done));
}

ToolSpec InsertLinesTool::spec() const
{
    return {"insert_lines",
            "Insert text after a line of a file (0: at the top). Line numbers are those "
            "view_file shows.",
            {{"type", "object"},
             {"properties",
              {{"path", argument("string", "the file, relative to the workspace")},
               {"after_line", argument("integer", "the line the text goes after; 0 for the top",
                                       {{"minimum", 0}})},
               {"text", argument("string", "the lines to insert")}}},
             {"required", {"path", "after_line", "text"}}}};
}

void InsertLinesTool::invoke(const Json& arguments, const ToolContext& context, ToolDone done)
{
    const Arguments args(arguments);
    auto path = args.requiredString("path");
    if (!path)
        return done(ToolResult::failure(path.error()));
    auto file = readText(context, path.value());
    if (!file)
        return done(ToolResult::failure(file.error()));
    QStringList lines = linesOf(file->text);
    const long long after = intOr(arguments, "after_line", -1);
    if (after < 0 || after > lines.size())
        return done(ToolResult::failure(
            QStringLiteral("after_line must be between 0 and %1, the file's last line")
                .arg(lines.size())));
    QString inserted = toQ(stringOr(arguments, "text"));
    if (inserted.endsWith(QLatin1Char('\n')))
        inserted.chop(1);
    const QStringList added = inserted.split(QLatin1Char('\n'));
    for (qsizetype i = 0; i < added.size(); ++i)
        lines.insert(qsizetype(after) + i, added.at(i));
    const QString text = lines.join(QLatin1Char('\n')) + QLatin1Char('\n');
    if (auto saved = saveText(file->absolute, text); !saved)
        return done(ToolResult::failure(QStringLiteral("%1: %2").arg(path.value(), saved.error())));
    ToolResult result =
        ToolResult::success({{"path", toStd(path.value())},
                             {"now", toStd(around(text, int(after) + 1, int(added.size()) - 1))}});
    m_check->annotate(path.value(), context, std::move(result), std::move(done));
}

} // namespace orch
