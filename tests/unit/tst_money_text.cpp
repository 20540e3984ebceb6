// Money as people read it, with the offline demo model's simulated part labelled: the
// English form (reports, CLI, digest) and the chat's in both languages.

#include "money/Usd.h"
#include "telegram/BotTexts.h"

#include <QTest>

using namespace orch;

class TestMoneyText : public QObject
{
    Q_OBJECT
private slots:
    void realMoneyHasNoLabel()
    {
        QCOMPARE(usd(0.35, 0.0, 2), QString("$0.35"));
        QCOMPARE(bot::money("en", 0.35, 0.0, 2), QString("$0.35"));
    }

    void simulatedMoneySaysSo()
    {
        QCOMPARE(usd(0.0919, 0.0919, 4), QString("$0.0919 (simulated)"));
        QCOMPARE(bot::money("en", 0.0919, 0.0919, 4), QString("$0.0919 (simulated)"));
        QCOMPARE(bot::money("ru", 0.0919, 0.0919, 4), QString("$0.0919 (симуляция)"));
    }

    void aMixSaysHowMuchIsSimulated()
    {
        QCOMPARE(usd(0.5, 0.1, 2), QString("$0.50 (incl. $0.10 simulated)"));
        QCOMPARE(bot::money("ru", 0.5, 0.1, 2), QString("$0.50 (в т. ч. $0.10 симуляции)"));
    }
};

QTEST_GUILESS_MAIN(TestMoneyText)
#include "tst_money_text.moc"
