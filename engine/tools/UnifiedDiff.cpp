#include "tools/UnifiedDiff.h"

#include <QRegularExpression>

namespace orch {
namespace {

QString stripPrefix(QString path)
{
    path = path.section(QLatin1Char('\t'), 0, 0).trimmed();
    if (path == QLatin1String("/dev/null"))
        return {};
    if (path.startsWith(QLatin1String("a/")) || path.startsWith(QLatin1String("b/")))
        return path.mid(2);
    return path;
}

bool matchesAt(const QStringList& text, int at, const QStringList& expected)
{
    if (at < 0 || at + expected.size() > text.size())
        return false;
    for (int i = 0; i < expected.size(); ++i)
        if (text[at + i] != expected[i])
            return false;
    return true;
}

} // namespace

Result<std::vector<FilePatch>> parseUnifiedDiff(const QString& diff)
{
    static const QRegularExpression hunkHeader(
        QStringLiteral("^@@ -(\\d+)(?:,\\d+)? \\+\\d+(?:,\\d+)? @@"));
    std::vector<FilePatch> patches;
    const QStringList lines = diff.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        const QString& line = lines[i];
        if (line.startsWith(QLatin1String("--- ")) && i + 1 < lines.size() &&
            lines[i + 1].startsWith(QLatin1String("+++ "))) {
            patches.push_back({stripPrefix(line.mid(4)), stripPrefix(lines[i + 1].mid(4)), {}});
            ++i;
            continue;
        }
        const auto header = hunkHeader.match(line);
        if (header.hasMatch()) {
            if (patches.empty())
                return Error{
                    QStringLiteral("line %1: a hunk before any '---'/'+++' header").arg(i + 1)};
            patches.back().hunks.push_back({header.captured(1).toInt(), {}});
            continue;
        }
        if (patches.empty() || patches.back().hunks.empty())
            continue; // preamble such as "diff --git" or "index" lines
        if (line.startsWith(QLatin1Char(' ')) || line.startsWith(QLatin1Char('-')) ||
            line.startsWith(QLatin1Char('+')))
            patches.back().hunks.back().lines << line;
        else if (line.isEmpty() && i + 1 < lines.size())
            patches.back().hunks.back().lines << QStringLiteral(" "); // blank context line
        else if (!line.startsWith(QLatin1Char('\\')) && !line.isEmpty())
            return Error{QStringLiteral("line %1: unexpected '%2'").arg(i + 1).arg(line.left(40))};
    }
    if (patches.empty())
        return Error{QStringLiteral("no file headers ('--- a/path', '+++ b/path') found")};
    for (const FilePatch& patch : patches)
        if (patch.hunks.empty() && !patch.newPath.isEmpty())
            return Error{QStringLiteral("%1: no hunks").arg(patch.newPath)};
    return patches;
}

Result<QString> applyFilePatch(const FilePatch& patch, const QString& original)
{
    const bool endsWithNewline = original.isEmpty() || original.endsWith(QLatin1Char('\n'));
    QStringList text = original.isEmpty() ? QStringList() : original.split(QLatin1Char('\n'));
    if (!original.isEmpty() && endsWithNewline)
        text.removeLast();
    int shift = 0; // how far earlier hunks moved later line numbers
    for (size_t h = 0; h < patch.hunks.size(); ++h) {
        const auto& hunk = patch.hunks[h];
        QStringList before;
        QStringList after;
        for (const QString& line : hunk.lines) {
            if (!line.startsWith(QLatin1Char('+')))
                before << line.mid(1);
            if (!line.startsWith(QLatin1Char('-')))
                after << line.mid(1);
        }
        const int expected = std::max(0, hunk.oldStart - 1 + shift);
        int at = -1;
        for (int distance = 0; distance <= 100 && at < 0; ++distance) {
            if (matchesAt(text, expected - distance, before))
                at = expected - distance;
            else if (matchesAt(text, expected + distance, before))
                at = expected + distance;
        }
        if (at < 0)
            return Error{
                QStringLiteral("hunk %1 does not apply near line %2: its context or removed "
                               "lines differ from the file")
                    .arg(h + 1)
                    .arg(hunk.oldStart)};
        for (int i = 0; i < before.size(); ++i)
            text.removeAt(at);
        for (int i = 0; i < after.size(); ++i)
            text.insert(at + i, after[i]);
        shift += int(after.size() - before.size()) + (at - expected);
    }
    QString result = text.join(QLatin1Char('\n'));
    if (!text.isEmpty() && endsWithNewline)
        result += QLatin1Char('\n');
    return result;
}

} // namespace orch
