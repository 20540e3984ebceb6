// Files and diffs as numbered rows for the review's Files and Git panes.

#include "CodeLines.h"
#include "FileTreeModel.h"

#include <QAbstractItemModelTester>
#include <QStandardItemModel>
#include <QTest>

using namespace orch::ui;

class TestCodeLines : public QObject
{
    Q_OBJECT

    static QVariantMap row(const QVariantList& rows, int i) { return rows.at(i).toMap(); }

private slots:
    void aFileIsNumberedFromOne()
    {
        const QVariantList rows = numberedLines("first\r\nsecond\n\nfourth\n");
        QCOMPARE(rows.size(), 4); // the final newline starts no fifth line
        QCOMPARE(row(rows, 0).value("number").toInt(), 1);
        QCOMPARE(row(rows, 0).value("text").toString(), QString("first"));
        QCOMPARE(row(rows, 3).value("number").toInt(), 4);
        QVERIFY(numberedLines(QString()).isEmpty());
    }

    void aDiffNumbersBothSides()
    {
        const QString diff = "commit 1234\n"
                             "diff --git a/app.py b/app.py\n"
                             "--- a/app.py\n"
                             "+++ b/app.py\n"
                             "@@ -10,4 +10,5 @@ def main():\n"
                             " kept\n"
                             "-gone\n"
                             "+new one\n"
                             "+new two\n"
                             " kept too\n"
                             "\\ No newline at end of file\n";
        const QVariantList rows = diffLines(diff);
        QCOMPARE(rows.size(), 11);
        QCOMPARE(row(rows, 0).value("kind").toString(), QString("meta"));
        QCOMPARE(row(rows, 2).value("kind").toString(), QString("meta")); // --- is a header here
        QCOMPARE(row(rows, 3).value("kind").toString(), QString("meta"));
        QCOMPARE(row(rows, 4).value("kind").toString(), QString("hunk"));
        QCOMPARE(row(rows, 5).value("old").toInt(), 10);
        QCOMPARE(row(rows, 5).value("new").toInt(), 10);
        QCOMPARE(row(rows, 6).value("kind").toString(), QString("del"));
        QCOMPARE(row(rows, 6).value("old").toInt(), 11);
        QCOMPARE(row(rows, 6).value("new").toInt(), 0);
        QCOMPARE(row(rows, 7).value("kind").toString(), QString("add"));
        QCOMPARE(row(rows, 7).value("new").toInt(), 11);
        QCOMPARE(row(rows, 8).value("new").toInt(), 12);
        QCOMPARE(row(rows, 9).value("old").toInt(), 12);
        QCOMPARE(row(rows, 9).value("new").toInt(), 13);
        QCOMPARE(row(rows, 10).value("kind").toString(), QString("meta"));
    }

    void codeIsCutIntoColouredPieces()
    {
        QCOMPARE(languageOf("app/routes.py"), CodeLanguage::Python);
        QCOMPARE(languageOf("web/main.ts"), CodeLanguage::JavaScript);
        QCOMPARE(languageOf(".github/workflows/ci.yml"), CodeLanguage::Yaml);
        QCOMPARE(languageOf("README"), CodeLanguage::None);
        const QVariantList pieces =
            tokensOf("def tell(city='Tokyo'):  # 24 h", CodeLanguage::Python);
        QString joined;
        QStringList kinds;
        for (const QVariant& piece : pieces) {
            joined += piece.toMap().value("t").toString();
            if (!piece.toMap().value("k").toString().isEmpty())
                kinds << piece.toMap().value("k").toString() + ":" +
                             piece.toMap().value("t").toString();
        }
        QCOMPARE(joined, QString("def tell(city='Tokyo'):  # 24 h")); // every character, in order
        QCOMPARE(kinds, QStringList({"keyword:def", "string:'Tokyo'", "comment:# 24 h"}));
        // Numbers stand alone, not inside names; an unclosed string runs to the end.
        const QVariantList more = tokensOf("x2 = 42 + \"open \\", CodeLanguage::Python);
        QCOMPARE(more.last().toMap().value("k").toString(), QString("string"));
        bool number = false;
        for (const QVariant& piece : more)
            number = number ||
                     (piece.toMap().value("k") == "number" && piece.toMap().value("t") == "42");
        QVERIFY(number);
        // A file's rows carry pieces only when its language is known; a diff's code lines too.
        QVERIFY(numberedLines("import os\n", 10, CodeLanguage::Python)
                    .first()
                    .toMap()
                    .contains("tokens"));
        QVERIFY(!numberedLines("import os\n").first().toMap().contains("tokens"));
        const QVariantList diff =
            diffLines("diff --git a/app.py b/app.py\n@@ -1 +1 @@\n-import os\n+import sys\n");
        QCOMPARE(diff.at(3).toMap().value("tokens").toList().first().toMap().value("t").toString(),
                 QString("+"));
        QCOMPARE(diff.at(3).toMap().value("tokens").toList().at(1).toMap().value("k").toString(),
                 QString("keyword"));
    }

    // Side by side: a removed run and the added run after it pair up; context is on both
    // sides; headers span.
    void aDiffSideBySide()
    {
        const QVariantList rows = sideBySide(diffLines("diff --git a/a.txt b/a.txt\n"
                                                       "@@ -1,4 +1,4 @@\n"
                                                       " same\n-old one\n-old two\n+new one\n"
                                                       " end\n+tail\n"));
        QStringList shape;
        for (const QVariant& r : rows) {
            const QVariantMap row = r.toMap();
            shape << row.value("kind").toString() + ":" +
                         row.value("left").toMap().value("text").toString() + "|" +
                         row.value("right").toMap().value("text").toString();
        }
        QCOMPARE(shape, QStringList({"meta:diff --git a/a.txt b/a.txt|", "hunk:@@ -1,4 +1,4 @@|",
                                     "pair: same| same", "pair:-old one|+new one", "pair:-old two|",
                                     "pair: end| end", "pair:|+tail"}));
        QCOMPARE(rows.at(3).toMap().value("left").toMap().value("old").toInt(), 2);
        QCOMPARE(rows.at(3).toMap().value("right").toMap().value("new").toInt(), 2);
        QVERIFY(sideBySide({}).isEmpty());
    }

    // The workspace's flat paths as a tree: folders first at each level, indented, folding.
    void filesAsATree()
    {
        QStandardItemModel flat;
        flat.setItemRoleNames({{Qt::UserRole + 1, "path"}});
        for (const char* path : {"README.md", "src/app.py", "src/lib/util.py", "tests/test_app.py",
                                 ".github/workflows/ci.yml"}) {
            auto* item = new QStandardItem;
            item->setData(QString(path), Qt::UserRole + 1);
            flat.appendRow(item);
        }
        FileTreeModel tree;
        QAbstractItemModelTester tester(&tree);
        tree.setSource(&flat);
        auto shape = [&] {
            QStringList rows;
            for (int i = 0; i < tree.rowCount(); ++i)
                rows << QString(tree.get(i).value("depth").toInt() * 2, QLatin1Char(' ')) +
                            tree.get(i).value("name").toString() +
                            (tree.get(i).value("folder").toBool() ? "/" : "");
            return rows;
        };
        QCOMPARE(shape(),
                 QStringList({".github/", "  workflows/", "    ci.yml", "src/", "  lib/",
                              "    util.py", "  app.py", "tests/", "  test_app.py", "README.md"}));
        QCOMPARE(tree.get(6).value("path").toString(), QString("src/app.py"));
        tree.toggle("src/");
        QCOMPARE(shape(), QStringList({".github/", "  workflows/", "    ci.yml", "src/", "tests/",
                                       "  test_app.py", "README.md"}));
        QVERIFY(!tree.get(3).value("open").toBool());
        tree.toggle("src/");
        QCOMPARE(tree.rowCount(), 10);
        // The source changing (a step wrote a file) rebuilds it.
        auto* added = new QStandardItem;
        added->setData(QString("src/new.py"), Qt::UserRole + 1);
        flat.appendRow(added);
        QCOMPARE(tree.rowCount(), 11);
        QVERIFY(tree.get(99).isEmpty());
    }

    void hugeAndHostileTextsAreCut()
    {
        const QVariantList rows = numberedLines(QString("x\n").repeated(30000), 100);
        QCOMPARE(rows.size(), 101);
        QVERIFY(row(rows, 100).value("text").toString().contains("29900"));
        // Hunk headers with absurd or missing numbers neither crash nor go negative.
        const QVariantList odd = diffLines("@@ -99999999999999 +x @@\n+a\n@@ garbage\n-b\n+c");
        for (const QString& hostile : {QString("\\"), QString("'"), QString("/*"), QString("`"),
                                       QString(5000, QLatin1Char('"')), QString("1.2.3.4e")})
            for (CodeLanguage language :
                 {CodeLanguage::Python, CodeLanguage::JavaScript, CodeLanguage::Json})
                QVERIFY(!tokensOf(hostile, language).isEmpty());
        for (const QVariant& r : odd) {
            QVERIFY(r.toMap().value("old").toInt() >= 0);
            QVERIFY(r.toMap().value("new").toInt() >= 0);
        }
    }
};

QTEST_MAIN(TestCodeLines)
#include "tst_code_lines.moc"
