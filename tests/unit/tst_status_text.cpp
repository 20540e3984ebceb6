// /status as a person reads it in the chat: the run, its deployment's health and, for a bot,
// the messages it received and sent and what Telegram refused it, in both languages.

#include "telegram/RunNotifier.h"

#include <QTest>

using namespace orch;

namespace {
RunOverview botOverview()
{
    RunOverview overview;
    overview.project.name = QStringLiteral("City Time Bot");
    overview.run.status = RunStatus::Completed;
    overview.url = QStringLiteral("https://t.me/city_time_bot");
    overview.healthy = true;
    return overview;
}
} // namespace

class TestStatusText : public QObject
{
    Q_OBJECT
private slots:
    void aBotShowsItsHealthAndMessages()
    {
        RunOverview overview = botOverview();
        overview.botActivity = {true, 12, 11, 0, 0, 0};
        const QString text = RunNotifier::statusText(overview, "en");
        QVERIFY2(text.contains("https://t.me/city_time_bot"), qPrintable(text));
        QVERIFY(text.contains("Health check: ok"));
        QVERIFY(text.contains("Messages: 12 received, 11 sent"));
        QVERIFY(!text.contains("refused")); // nothing refused: no line for it
        QVERIFY(RunNotifier::statusText(overview, "ru").contains("получено 12, отправлено 11"));
    }

    void whatTelegramRefusedIsNamed()
    {
        RunOverview overview = botOverview();
        overview.healthy = false;
        overview.botActivity = {true, 3, 1, 2, 5, 1};
        const QString text = RunNotifier::statusText(overview, "en");
        QVERIFY(text.contains("Health check: failed"));
        QVERIFY2(
            text.contains("2 × too many requests, 5 × blocked by the user, 1 × another poller"),
            qPrintable(text));
    }

    void aServiceHasNoMessageLine()
    {
        RunOverview overview = botOverview();
        overview.url = QStringLiteral("https://clock.example.com/");
        QVERIFY(!RunNotifier::statusText(overview, "en").contains("Messages"));
    }
};

QTEST_GUILESS_MAIN(TestStatusText)
#include "tst_status_text.moc"
