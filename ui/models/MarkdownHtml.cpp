#include "MarkdownHtml.h"

#include <QRegularExpression>
#include <QStringList>

namespace orch::ui {
namespace {

// Matched at an offset (AnchorAtOffsetMatchOption), so without "^".
const QRegularExpression
    kEntity(QStringLiteral("&(#[0-9]{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{2,10});"));
const QRegularExpression kUrl(QStringLiteral("(https?://|mailto:)[^\\s<>\"'`]+"),
                              QRegularExpression::CaseInsensitiveOption);
const QRegularExpression kHeading(QStringLiteral("^(#{1,6})\\s+(.*?)\\s*#*\\s*$"));
const QRegularExpression kRule(QStringLiteral("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$"));
const QRegularExpression kListItem(QStringLiteral("^(\\s*)([-*+]|\\d{1,9}[.)])\\s+(.*)$"));
const QRegularExpression
    kTableSeparator(QStringLiteral("^\\s*\\|?\\s*:?-+:?\\s*(\\|\\s*:?-+:?\\s*)*\\|?\\s*$"));
const QRegularExpression kFence(QStringLiteral("^\\s{0,3}(`{3,}|~{3,})"));

// Text as HTML: the markup characters escaped, an entity the source already wrote (&lt;) kept.
QString escaped(const QString& text)
{
    QString out;
    out.reserve(text.size() + 16);
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('&'))
            out += kEntity.match(text, i, QRegularExpression::NormalMatch,
                                 QRegularExpression::AnchorAtOffsetMatchOption)
                           .hasMatch()
                       ? QStringLiteral("&")
                       : QStringLiteral("&amp;");
        else if (c == QLatin1Char('<'))
            out += QStringLiteral("&lt;");
        else if (c == QLatin1Char('>'))
            out += QStringLiteral("&gt;");
        else if (c == QLatin1Char('"'))
            out += QStringLiteral("&quot;");
        else
            out += c;
    }
    return out;
}

// A link target that may be opened: http(s) or mailto, nothing that could reach a local file.
bool openable(const QString& url)
{
    return kUrl.match(url, 0, QRegularExpression::NormalMatch,
                      QRegularExpression::AnchorAtOffsetMatchOption)
               .capturedLength() == url.size();
}

class Renderer
{
public:
    explicit Renderer(const MarkdownColors& colors) : m_colors(colors) {}

    QString document(const QString& markdown)
    {
        QString text = markdown;
        text.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
        return QStringLiteral("<div style=\"color:%1\">").arg(m_colors.text.name()) +
               blocks(text.split(QLatin1Char('\n'))) + QStringLiteral("</div>");
    }

private:
    QString blocks(const QStringList& lines)
    {
        QString html;
        QStringList paragraph;
        auto flush = [&] {
            if (!paragraph.isEmpty())
                html += QStringLiteral("<p>") + inlines(paragraph.join(QLatin1Char(' '))) +
                        QStringLiteral("</p>");
            paragraph.clear();
        };
        for (qsizetype i = 0; i < lines.size(); ++i) {
            const QString& line = lines.at(i);
            if (line.trimmed().isEmpty()) {
                flush();
                continue;
            }
            if (auto fence = kFence.match(line); fence.hasMatch()) {
                flush();
                html += codeBlock(lines, i, fence.captured(1));
                continue;
            }
            if (auto heading = kHeading.match(line); heading.hasMatch()) {
                flush();
                const int level = int(heading.captured(1).size());
                html += QStringLiteral("<h%1 style=\"margin-top:%2px\">%3</h%1>")
                            .arg(level)
                            .arg(level <= 2 ? 18 : 12)
                            .arg(inlines(heading.captured(2)));
                continue;
            }
            if (line.contains(QLatin1Char('|')) && i + 1 < lines.size() &&
                kTableSeparator.match(lines.at(i + 1)).hasMatch()) {
                flush();
                html += table(lines, i);
                continue;
            }
            if (kRule.match(line).hasMatch() && paragraph.isEmpty()) {
                html += QStringLiteral("<hr/>");
                continue;
            }
            // A list may interrupt a paragraph ("Requirements:" and its items below it);
            // a numbered one only from 1, so "2024. was a year" stays a sentence.
            if (const auto item = kListItem.match(line);
                item.hasMatch() && (paragraph.isEmpty() || !item.captured(2).at(0).isDigit() ||
                                    item.captured(2).startsWith(QLatin1Char('1')))) {
                flush();
                html += list(lines, i);
                continue;
            }
            if (line.trimmed().startsWith(QLatin1Char('>'))) {
                flush();
                QStringList quoted;
                for (; i < lines.size() && lines.at(i).trimmed().startsWith(QLatin1Char('>'));
                     ++i) {
                    QString inner = lines.at(i).trimmed().mid(1);
                    quoted << (inner.startsWith(QLatin1Char(' ')) ? inner.mid(1) : inner);
                }
                --i;
                html += QStringLiteral("<blockquote>") + blocks(quoted) +
                        QStringLiteral("</blockquote>");
                continue;
            }
            paragraph << line.trimmed();
        }
        flush();
        return html;
    }

    // A fenced block up to its closing fence (or the end): wrapped, on a tinted panel.
    QString codeBlock(const QStringList& lines, qsizetype& i, const QString& fence)
    {
        QStringList code;
        for (++i; i < lines.size(); ++i) {
            const QString trimmed = lines.at(i).trimmed();
            if (trimmed.startsWith(fence) && trimmed.count(fence.at(0)) == trimmed.size())
                break;
            code << lines.at(i);
        }
        return QStringLiteral("<table width=\"100%\" cellspacing=\"0\" cellpadding=\"8\" "
                              "bgcolor=\"%1\"><tr><td><pre style=\"white-space:pre-wrap\">%2"
                              "</pre></td></tr></table>")
            .arg(m_colors.codeBackground.name(), escaped(code.join(QLatin1Char('\n'))));
    }

    static QStringList cells(QString row)
    {
        row = row.trimmed();
        if (row.startsWith(QLatin1Char('|')))
            row.remove(0, 1);
        if (row.endsWith(QLatin1Char('|')) && !row.endsWith(QStringLiteral("\\|")))
            row.chop(1);
        QStringList out;
        QString current;
        for (qsizetype k = 0; k < row.size(); ++k) {
            if (row.at(k) == QLatin1Char('\\') && k + 1 < row.size() &&
                row.at(k + 1) == QLatin1Char('|')) {
                current += QStringLiteral("\\|");
                ++k;
            } else if (row.at(k) == QLatin1Char('|')) {
                out << current.trimmed();
                current.clear();
            } else {
                current += row.at(k);
            }
        }
        out << current.trimmed();
        return out;
    }

    // A GitHub table: as wide as the pane, its cells wrapping, the header row tinted.
    QString table(const QStringList& lines, qsizetype& i)
    {
        const QStringList header = cells(lines.at(i));
        QStringList aligns;
        for (const QString& spec : cells(lines.at(i + 1)))
            aligns << (spec.endsWith(QLatin1Char(':'))
                           ? (spec.startsWith(QLatin1Char(':')) ? QStringLiteral("center")
                                                                : QStringLiteral("right"))
                           : QStringLiteral("left"));
        QString html = QStringLiteral("<table width=\"100%\" border=\"1\" cellspacing=\"0\" "
                                      "cellpadding=\"5\" style=\"border-collapse:collapse; "
                                      "border-color:%1; border-style:solid\"><tr>")
                           .arg(m_colors.border.name());
        auto align = [&](qsizetype column) {
            return column < aligns.size() ? aligns.at(column) : QStringLiteral("left");
        };
        for (qsizetype c = 0; c < header.size(); ++c)
            html += QStringLiteral("<th align=\"%1\" bgcolor=\"%2\">%3</th>")
                        .arg(align(c), m_colors.headerBackground.name(), inlines(header.at(c)));
        html += QStringLiteral("</tr>");
        for (i += 2; i < lines.size() && !lines.at(i).trimmed().isEmpty() &&
                     lines.at(i).contains(QLatin1Char('|'));
             ++i) {
            const QStringList row = cells(lines.at(i));
            html += QStringLiteral("<tr>");
            for (qsizetype c = 0; c < header.size(); ++c)
                html += QStringLiteral("<td align=\"%1\">%2</td>")
                            .arg(align(c), inlines(c < row.size() ? row.at(c) : QString()));
            html += QStringLiteral("</tr>");
        }
        --i;
        return html + QStringLiteral("</table>");
    }

    // Consecutive list items (nested by indentation), each with its continuation lines.
    QString list(const QStringList& lines, qsizetype& i)
    {
        struct Level
        {
            qsizetype indent;
            bool ordered;
        };
        QList<Level> open;
        QString html;
        QString item;
        auto closeItem = [&] {
            if (!item.isNull())
                html += QStringLiteral("<li>") + inlines(item.trimmed()) + QStringLiteral("</li>");
            item = QString();
        };
        for (; i < lines.size(); ++i) {
            const QString& line = lines.at(i);
            const auto match = kListItem.match(line);
            if (!match.hasMatch()) {
                if (line.trimmed().isEmpty() || !line.startsWith(QLatin1Char(' ')) ||
                    kFence.match(line).hasMatch())
                    break;
                item += QLatin1Char(' ') + line.trimmed(); // a continuation of the item
                continue;
            }
            closeItem();
            const qsizetype indent = match.captured(1).size();
            const bool ordered = match.captured(2).at(0).isDigit();
            while (!open.isEmpty() && indent < open.last().indent) {
                html += open.takeLast().ordered ? QStringLiteral("</ol>") : QStringLiteral("</ul>");
            }
            if (open.isEmpty() || indent > open.last().indent) {
                open.append({indent, ordered});
                html += ordered ? QStringLiteral("<ol>") : QStringLiteral("<ul>");
            }
            item = match.captured(3);
        }
        closeItem();
        while (!open.isEmpty())
            html += open.takeLast().ordered ? QStringLiteral("</ol>") : QStringLiteral("</ul>");
        --i;
        return html;
    }

    QString link(const QString& url, const QString& label) const
    {
        return QStringLiteral("<a href=\"%1\" style=\"color:%2\">%3</a>")
            .arg(escaped(url), m_colors.link.name(), label);
    }

    // Inline markup: code spans, emphasis, links and bare URLs; everything else escaped.
    QString inlines(const QString& text) const
    {
        QString out;
        bool bold = false;
        bool italic = false;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c == QLatin1Char('\\') && i + 1 < text.size() && text.at(i + 1).isPunct()) {
                out += escaped(text.at(++i));
                continue;
            }
            if (c == QLatin1Char('`')) {
                qsizetype run = 1;
                while (i + run < text.size() && text.at(i + run) == QLatin1Char('`'))
                    ++run;
                const QString ticks(run, QLatin1Char('`'));
                const qsizetype close = text.indexOf(ticks, i + run);
                if (close > 0) {
                    QString code = text.mid(i + run, close - i - run);
                    code.replace(QStringLiteral("\\|"), QStringLiteral("|"));
                    out += QStringLiteral("<code style=\"background-color:%1\">%2</code>")
                               .arg(m_colors.codeBackground.name(), escaped(code.trimmed()));
                    i = close + run - 1;
                    continue;
                }
            }
            if (c == QLatin1Char('*') && text.mid(i, 2) == QStringLiteral("**") &&
                (bold || text.indexOf(QStringLiteral("**"), i + 2) > i + 2)) {
                out += bold ? QStringLiteral("</b>") : QStringLiteral("<b>");
                bold = !bold;
                ++i;
                continue;
            }
            if (c == QLatin1Char('*') &&
                (italic || text.indexOf(QLatin1Char('*'), i + 1) > i + 1) &&
                (italic || (i + 1 < text.size() && !text.at(i + 1).isSpace()))) {
                out += italic ? QStringLiteral("</i>") : QStringLiteral("<i>");
                italic = !italic;
                continue;
            }
            if (c == QLatin1Char('[')) {
                const qsizetype close = text.indexOf(QStringLiteral("]("), i + 1);
                const qsizetype end = close > 0 ? text.indexOf(QLatin1Char(')'), close + 2) : -1;
                if (end > 0) {
                    const QString url = text.mid(close + 2, end - close - 2).trimmed();
                    const QString label = inlines(text.mid(i + 1, close - i - 1));
                    out += openable(url) ? link(url, label) : label;
                    i = end;
                    continue;
                }
            }
            if (c == QLatin1Char('<')) {
                const qsizetype close = text.indexOf(QLatin1Char('>'), i + 1);
                if (close > 0 && openable(text.mid(i + 1, close - i - 1))) {
                    const QString url = text.mid(i + 1, close - i - 1);
                    out += link(url, escaped(url));
                    i = close;
                    continue;
                }
            }
            if ((c == QLatin1Char('h') || c == QLatin1Char('m')) &&
                (i == 0 || !text.at(i - 1).isLetterOrNumber())) {
                const auto url = kUrl.match(text, i, QRegularExpression::NormalMatch,
                                            QRegularExpression::AnchorAtOffsetMatchOption);
                if (url.hasMatch()) {
                    QString target = url.captured(0);
                    while (!target.isEmpty() && QStringLiteral(".,;:!?)*").contains(target.back()))
                        target.chop(1);
                    if (target.size() > url.captured(1).size()) {
                        out += link(target, escaped(target));
                        i += target.size() - 1;
                        continue;
                    }
                }
            }
            if (c == QLatin1Char('&')) {
                const auto entity = kEntity.match(text, i, QRegularExpression::NormalMatch,
                                                  QRegularExpression::AnchorAtOffsetMatchOption);
                if (entity.hasMatch()) { // one the report already wrote: kept as it is
                    out += entity.captured(0);
                    i += entity.capturedLength() - 1;
                    continue;
                }
            }
            out += escaped(QString(c));
        }
        if (italic)
            out += QStringLiteral("</i>");
        if (bold)
            out += QStringLiteral("</b>");
        return out;
    }

    MarkdownColors m_colors;
};

} // namespace

QString markdownToHtml(const QString& markdown, const MarkdownColors& colors)
{
    return Renderer(colors).document(markdown);
}

QString Markdown::toHtml(const QString& markdown, const QVariantMap& colors) const
{
    MarkdownColors chosen;
    auto pick = [&](const char* key, QColor& into) {
        const QVariant value = colors.value(QLatin1String(key));
        const QColor color = value.metaType() == QMetaType::fromType<QColor>()
                                 ? value.value<QColor>()
                                 : QColor(value.toString());
        if (color.isValid())
            into = color;
    };
    pick("text", chosen.text);
    pick("link", chosen.link);
    pick("border", chosen.border);
    pick("code", chosen.codeBackground);
    pick("header", chosen.headerBackground);
    return markdownToHtml(markdown, chosen);
}

} // namespace orch::ui
