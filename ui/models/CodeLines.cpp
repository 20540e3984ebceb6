#include "CodeLines.h"

#include <QRegularExpression>
#include <QStringList>

namespace orch::ui {
namespace {

QStringList linesOf(const QString& text)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast(); // the newline that ends the last line starts no new one
    for (QString& line : lines)
        if (line.endsWith(QLatin1Char('\r')))
            line.chop(1);
    return lines;
}

QVariantMap cutRow(qsizetype left)
{
    return {{"number", 0},
            {"old", 0},
            {"new", 0},
            {"kind", QStringLiteral("meta")},
            {"text", QStringLiteral("… %1 more lines not shown").arg(left)}};
}

} // namespace

QVariantList numberedLines(const QString& text, int maxLines, CodeLanguage language)
{
    const QStringList lines = linesOf(text);
    QVariantList rows;
    for (qsizetype i = 0; i < lines.size() && i < maxLines; ++i) {
        QVariantMap row{
            {"number", int(i + 1)}, {"text", lines.at(i)}, {"kind", QStringLiteral("line")}};
        if (language != CodeLanguage::None)
            row.insert(QStringLiteral("tokens"), tokensOf(lines.at(i), language));
        rows.append(row);
    }
    if (lines.size() > maxLines)
        rows.append(cutRow(lines.size() - maxLines));
    return rows;
}

QVariantList diffLines(const QString& diff, int maxLines)
{
    static const QRegularExpression kHunk(
        QStringLiteral("^@@ -(\\d+)(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@"));
    const QStringList lines = linesOf(diff);
    QVariantList rows;
    int oldNo = 0;
    int newNo = 0;
    bool inHunk = false;
    CodeLanguage language = CodeLanguage::None;
    for (qsizetype i = 0; i < lines.size() && i < maxLines; ++i) {
        const QString& line = lines.at(i);
        QString kind = QStringLiteral("meta");
        int oldShown = 0;
        int newShown = 0;
        if (const auto hunk = kHunk.match(line); hunk.hasMatch()) {
            kind = QStringLiteral("hunk");
            oldNo = hunk.captured(1).toInt();
            newNo = hunk.captured(2).toInt();
            inHunk = true;
        } else if (line.startsWith(QLatin1String("diff --git"))) {
            inHunk = false;
            language = languageOf(line.section(QLatin1Char(' '), -1)); // b/<path>
        } else if (inHunk && line.startsWith(QLatin1Char('+'))) {
            kind = QStringLiteral("add");
            newShown = newNo++;
        } else if (inHunk && line.startsWith(QLatin1Char('-'))) {
            kind = QStringLiteral("del");
            oldShown = oldNo++;
        } else if (inHunk && (line.startsWith(QLatin1Char(' ')) || line.isEmpty())) {
            kind = QStringLiteral("context");
            oldShown = oldNo++;
            newShown = newNo++;
        }
        QVariantMap row{{"old", oldShown}, {"new", newShown}, {"text", line}, {"kind", kind}};
        if (language != CodeLanguage::None && !line.isEmpty() &&
            (kind == QLatin1String("add") || kind == QLatin1String("del") ||
             kind == QLatin1String("context"))) {
            QVariantList tokens{QVariantMap{{"t", line.left(1)}, {"k", QString()}}};
            tokens.append(tokensOf(line.mid(1), language));
            row.insert(QStringLiteral("tokens"), tokens);
        }
        rows.append(row);
    }
    if (lines.size() > maxLines)
        rows.append(cutRow(lines.size() - maxLines));
    return rows;
}

QVariantList sideBySide(const QVariantList& unified)
{
    QVariantList rows;
    QVariantList removed;
    QVariantList added;
    auto flush = [&] {
        for (qsizetype i = 0; i < std::max(removed.size(), added.size()); ++i)
            rows.append(QVariantMap{{"kind", QStringLiteral("pair")},
                                    {"left", i < removed.size() ? removed.at(i) : QVariantMap()},
                                    {"right", i < added.size() ? added.at(i) : QVariantMap()}});
        removed.clear();
        added.clear();
    };
    for (const QVariant& row : unified) {
        const QString kind = row.toMap().value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("del")) {
            if (!added.isEmpty()) // a removal after additions starts a new block
                flush();
            removed.append(row);
        } else if (kind == QLatin1String("add")) {
            added.append(row);
        } else {
            flush();
            if (kind == QLatin1String("context"))
                rows.append(
                    QVariantMap{{"kind", QStringLiteral("pair")}, {"left", row}, {"right", row}});
            else
                rows.append(QVariantMap{{"kind", kind}, {"left", row}, {"right", QVariantMap()}});
        }
    }
    flush();
    return rows;
}

} // namespace orch::ui
