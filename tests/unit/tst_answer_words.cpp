// How typed answers are read: approvals in English and Russian, options by name, number or
// first word, and a stop only when the whole answer says stop.

#include "runtime/AnswerWords.h"

#include <QTest>

using namespace orch;
using answers::Verdict;

class TestAnswerWords : public QObject
{
    Q_OBJECT

private slots:
    void yesAndNoInBothLanguages_data()
    {
        QTest::addColumn<QString>("answer");
        QTest::addColumn<int>("verdict");
        const int yes = int(Verdict::Yes), no = int(Verdict::No), unclear = int(Verdict::Unclear);
        QTest::newRow("approve") << "approve" << yes;
        QTest::newRow("Approve.") << "  Approve. " << yes;
        QTest::newRow("yes, go ahead") << "Yes, go ahead!" << yes;
        QTest::newRow("ok thumbs") << "ok 👍" << yes;
        QTest::newRow("thumbs only") << "👍" << yes;
        QTest::newRow("да") << "Да" << yes;
        QTest::newRow("да, давай") << "да, давай" << yes;
        QTest::newRow("подтверждаю") << "Подтверждаю." << yes;
        QTest::newRow("no") << "no" << no;
        QTest::newRow("reject") << "Reject" << no;
        QTest::newRow("нет") << "Нет, не надо" << no;
        QTest::newRow("don't") << "don't deploy yet" << no;
        QTest::newRow("yesterday is not yes") << "yesterday" << unclear;
        QTest::newRow("notes is not no") << "notes first" << unclear;
        QTest::newRow("empty") << "" << unclear;
        QTest::newRow("question back") << "what does it cost?" << unclear;
    }
    void yesAndNoInBothLanguages()
    {
        QFETCH(QString, answer);
        QFETCH(int, verdict);
        QCOMPARE(int(answers::yesOrNo(answer)), verdict);
    }

    void optionsByNameNumberOrFirstWord()
    {
        const QStringList options = {"more turns", "back to architect", "stop"};
        QCOMPARE(answers::chosenOption("More Turns", options), QStringLiteral("more turns"));
        QCOMPARE(answers::chosenOption("2", options), QStringLiteral("back to architect"));
        QCOMPARE(answers::chosenOption("back", options), QStringLiteral("back to architect"));
        QCOMPARE(answers::chosenOption("stop!", options), QStringLiteral("stop"));
        QCOMPARE(answers::chosenOption("4", options), QString());
        QCOMPARE(answers::chosenOption("use sqlite instead", options), QString());
    }

    void stopOnlyWhenTheWholeAnswerSaysSo()
    {
        QVERIFY(answers::meansStop("stop"));
        QVERIFY(answers::meansStop("Cancel the run."));
        QVERIFY(answers::meansStop("Стоп"));
        QVERIFY(answers::meansStop("хватит!"));
        QVERIFY(!answers::meansStop("stop rewriting the spec and hand off"));
        QVERIFY(!answers::meansStop("cancelled orders must be listed too"));
    }
};

QTEST_GUILESS_MAIN(TestAnswerWords)
#include "tst_answer_words.moc"
