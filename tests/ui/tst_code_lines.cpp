// Files and diffs as numbered rows for the review's Files and Git panes.

#include "CodeLines.h"

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

    void hugeAndHostileTextsAreCut()
    {
        const QVariantList rows = numberedLines(QString("x\n").repeated(30000), 100);
        QCOMPARE(rows.size(), 101);
        QVERIFY(row(rows, 100).value("text").toString().contains("29900"));
        // Hunk headers with absurd or missing numbers neither crash nor go negative.
        const QVariantList odd = diffLines("@@ -99999999999999 +x @@\n+a\n@@ garbage\n-b\n+c");
        for (const QVariant& r : odd) {
            QVERIFY(r.toMap().value("old").toInt() >= 0);
            QVERIFY(r.toMap().value("new").toInt() >= 0);
        }
    }
};

QTEST_MAIN(TestCodeLines)
#include "tst_code_lines.moc"
