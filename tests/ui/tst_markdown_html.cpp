// The report renderer: the Markdown the engine writes as the HTML Qt lays out, with nothing of
// the source passing through as markup.

#include "MarkdownHtml.h"

#include <QTest>
#include <QTextDocument>

using namespace orch::ui;

class TestMarkdownHtml : public QObject
{
    Q_OBJECT

    static QString plainText(const QString& html)
    {
        QTextDocument document;
        document.setHtml(html);
        return document.toPlainText();
    }

private slots:
    void aTableIsATableWithItsCells()
    {
        const QString html = markdownToHtml("## Checks\n\n| check | passed |\n|---|:---:|\n| `a "
                                            "\\| b` | **no** |\n| time | yes |\n");
        QVERIFY(html.contains("<h2"));
        QCOMPARE(html.count("<table"), 1);
        QCOMPARE(html.count("<tr>"), 3);
        QVERIFY(html.contains("<th align=\"left\""));
        QVERIFY(html.contains("<td align=\"center\""));
        QVERIFY(html.contains("a | b</code>")); // the escaped pipe is a pipe, in its one cell
        QVERIFY(html.contains("<b>no</b>"));
        QVERIFY(html.indexOf("<h2") < html.indexOf("<table")); // the heading outside, before
        QTextDocument document;
        document.setHtml(html);
        QVERIFY(document.toPlainText().contains("Checks"));
    }

    void aCodeBlockWrapsAndKeepsItsText()
    {
        const QString line = QString("x").repeated(300);
        const QString html =
            markdownToHtml("```\n<script>" + line + "</script>\n  indented\n```\nafter");
        QVERIFY(html.contains("white-space:pre-wrap"));
        QVERIFY(html.contains("&lt;script&gt;"));
        QVERIFY(!html.contains("<script>"));
        QVERIFY(plainText(html).contains("  indented"));
        QVERIFY(html.contains("<p>after</p>"));
        // An unclosed fence runs to the end rather than swallowing nothing or crashing.
        QVERIFY(plainText(markdownToHtml("```\nno end")).contains("no end"));
    }

    void linksAreMadeOnlyForWebAddresses()
    {
        const QString html = markdownToHtml(
            "- URL: https://city-time.localhost:8443/, health ok.\n"
            "- [docs](https://example.com/a?b=1&c=2) and [local](file:///etc/passwd)\n"
            "- [js](javascript:alert(1)) <mailto:ops@example.com>");
        QVERIFY(html.contains("<a href=\"https://city-time.localhost:8443/\""));
        QVERIFY(
            html.contains("https://city-time.localhost:8443/</a>, health")); // the comma is text
        QVERIFY(html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\""));
        QVERIFY(!html.contains("file:///etc/passwd\""));
        QVERIFY(!html.contains("href=\"javascript"));
        QVERIFY(html.contains("<a href=\"mailto:ops@example.com\""));
        QCOMPARE(html.count("<li>"), 3);
    }

    void rawHtmlNeverPasses()
    {
        const QString html = markdownToHtml("<img src=\"file:///etc/passwd\"> &lt;name&gt; & "
                                            "<b>bold</b>\n\n| <a href=x> | y |\n|-|-|\n| z | w |");
        QVERIFY(!html.contains("<img"));
        QVERIFY(!html.contains("<a href=x>"));
        QVERIFY(html.contains("&lt;name&gt;")); // the report's own entity kept, not doubled
        QVERIFY(html.contains(" &amp; "));
        QVERIFY(plainText(html).contains("<b>bold</b>"));
    }

    void listsNestAndNumber()
    {
        const QString html =
            markdownToHtml("1. one\n2. two\n   - inner\n     more of inner\n3. three\n\ntext");
        QCOMPARE(html.count("<ol>"), 1);
        QCOMPARE(html.count("<ul>"), 1);
        QCOMPARE(html.count("<li>"), 4);
        QVERIFY(html.contains("inner more of inner"));
        QVERIFY(html.contains("<p>text</p>"));
        // Items right below a line of text are a list, as the report writes them.
        const QString requirements = markdownToHtml("Requirements:\n- GET /time\n- GET /health");
        QVERIFY(requirements.contains("<p>Requirements:</p><ul>"));
        QCOMPARE(requirements.count("<li>"), 2);
    }

    void hostileInputEndsInADocument()
    {
        // Unbalanced markers, huge and odd input: a document, quickly, with the text in it.
        for (const QString& input :
             {QString("**"), QString("*"), QString("`"), QString("[x]("), QString("|"),
              QString("|-|\n|-|"), QString("# "), QString(">"), QString("-"), QString("```"),
              QString(5000, QLatin1Char('*')), QString(5000, QLatin1Char('[')),
              QString("> > > > deep"), QString("|a|\n|-|\n") + QString("|b|\n").repeated(2000),
              QString("- a\n").repeated(1000) + QString("    - b\n").repeated(1000)}) {
            const QString html = markdownToHtml(input);
            QVERIFY(html.startsWith("<div"));
            QVERIFY(html.endsWith("</div>"));
        }
        QVERIFY(plainText(markdownToHtml("**unclosed bold")).contains("unclosed bold"));
    }
};

QTEST_MAIN(TestMarkdownHtml)
#include "tst_markdown_html.moc"
