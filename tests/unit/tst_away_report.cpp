// "While you were away" over a scripted week in a real store: runs that ended (a project built,
// changed and repaired, one failed), one waiting for an answer; incidents resolved, given up
// and one waiting for a repair's approval; deployments with their uptime, a certificate near
// its end and a bot nobody wrote to; spend this week and the week before, a global budget this
// pace empties within days and a repair budget spent. Each fact is checked in both languages;
// what is older than the week stays out.

#include "money/Budgets.h"
#include "money/Spend.h"
#include "report/AwayReport.h"
#include "store/Database.h"
#include "store/Deployments.h"
#include "store/Incidents.h"
#include "store/RunStore.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>

using namespace orch;

namespace {
constexpr qint64 kDay = 24LL * 3600 * 1000;
qint64 now()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

class TestAwayReport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<RunStore> m_store;
    std::unique_ptr<Budgets> m_budgets;
    std::unique_ptr<Spend> m_spend;

    void sql(const QString& statement, const QVariantList& values = {})
    {
        QSqlQuery q = m_store->database().newQuery();
        QVERIFY(q.prepare(statement));
        for (const QVariant& v : values)
            q.addBindValue(v);
        QVERIFY2(q.exec(), qPrintable(statement));
    }

    void run(const QString& id, const QString& project, RunStatus::Value status, Json start,
             double cost, qint64 endedAgo, const QString& reason = {})
    {
        RunRecord record;
        record.id = id;
        record.projectId = project;
        record.graphId = 1;
        QVERIFY(m_store->createRun(record, {id, 0, std::move(start), Json::object()}, {}));
        record.status = status;
        record.reason = reason;
        QVERIFY(m_store->updateRun(record, {}));
        LedgerEntry charge{id, project, 1, "developer", "openai", "gpt-4o", {}, cost};
        charge.usage.prompt = 1000;
        QVERIFY(m_store->recordLedger(charge));
        sql("UPDATE runs SET updated_at = ? WHERE id = ?", {now() - endedAgo, id});
        sql("UPDATE ledger SET created_at = ? WHERE run_id = ?", {now() - endedAgo, id});
    }

    void deployment(const QString& project, const QString& kind, int healthy, int failed,
                    qint64 certificateIn, bool unusedBot)
    {
        DeploymentRecord d;
        d.projectId = project;
        d.runId = project + "-new";
        d.service = project;
        d.kind = kind;
        d.url = "https://" + project + ".apps.test/";
        d.version = QString(40, 'c');
        QVERIFY(Deployments(m_store->database()).record(d));
        for (int i = 0; i < healthy + failed; ++i) {
            DeploymentProbeResult probe;
            probe.healthy = i >= failed; // the failures first: it answers now
            probe.detail = probe.healthy ? QString() : "HTTP 502";
            probe.certificateExpiresAt = certificateIn > 0 ? now() + certificateIn : 0;
            probe.activity.known = unusedBot;
            QVERIFY(Deployments(m_store->database())
                        .recordProbe(project, probe, now() - (healthy + failed - i) * 60000));
        }
    }

private slots:
    void initTestCase()
    {
        m_store = RunStore::open(m_dir.filePath("away.db")).value();
        BudgetDefaults defaults;
        defaults.repair = {RepairPolicy::Ask, 5.0};
        m_budgets = std::make_unique<Budgets>(m_store->database(), defaults);
        m_spend = std::make_unique<Spend>(m_store->database());
        QVERIFY(m_store->saveGraph("g", Json{{"name", "g"}}));
        QVERIFY(m_store->createProject({"clock", "weather clock", "a clock", "/tmp/ws1", 0}));
        QVERIFY(m_store->createProject({"echo", "echo bot", "a bot", "/tmp/ws2", 0}));

        // The week: the clock built, changed and repaired; the bot's change failed; a
        // question waits. Three weeks ago: a run that is not this week's news.
        run("clock-new", "clock", RunStatus::Completed, Json::object(), 2.0, 6 * kDay);
        run("clock-change", "clock", RunStatus::Completed,
            {{"change", {{"request", "add Berlin"}}}}, 1.5, 3 * kDay);
        run("clock-repair", "clock", RunStatus::Completed,
            {{"change", {{"request", "repair"}}}, {"repair", Json::object()}}, 0.75, 1 * kDay);
        run("echo-new", "echo", RunStatus::Completed, Json::object(), 1.0, 10 * kDay);
        run("echo-change", "echo", RunStatus::Failed, {{"change", {{"request", "reply twice"}}}},
            0.5, 2 * kDay, "the tests kept failing");
        run("echo-ask", "echo", RunStatus::WaitingHuman, {{"change", {{"request", "a name"}}}},
            0.25, 0, "Which greeting should it use?");
        run("old", "echo", RunStatus::Completed, Json::object(), 0.1, 21 * kDay);

        // Incidents: resolved by a restart, given up, and one asking for a repair.
        Incidents incidents(m_store->database());
        auto first = incidents.open("clock", QString(40, 'c'), false, "HTTP 502", now() - 5 * kDay);
        QVERIFY(first);
        QVERIFY(incidents.add(first->id, "restart", "restarting release cccc", now() - 5 * kDay));
        QVERIFY(incidents.close(first->id, IncidentState::Resolved, "after the restart",
                                now() - 5 * kDay));
        auto second = incidents.open("clock", QString(40, 'c'), false, "settings.json broken",
                                     now() - 2 * kDay);
        QVERIFY(second);
        QVERIFY(incidents.close(second->id, IncidentState::GivenUp,
                                "still failing after the repair run", now() - 2 * kDay));
        QVERIFY(m_budgets->repairs().markRepairRun("clock-repair", "clock", second->id,
                                                   now() - 1 * kDay));
        QVERIFY(m_budgets->repairs().set("clock", RepairPolicy::Auto, 0.5, now()));
        auto third = incidents.open("echo", QString(40, 'e'), false, "no answer", now() - kDay);
        QVERIFY(third);
        QVERIFY(
            incidents.add(third->id, "repair_asked", "after the restart: no answer", now() - kDay));

        deployment("clock", "http", 9, 1, 5 * kDay, false);
        deployment("echo", "telegram_bot", 0, 4, 0, true);
        // $10 globally, $6.10 spent, $5.00 of it this week: gone within days at this pace.
        QVERIFY(m_budgets->setLimit(kGlobalScope, 10));
    }

    void theWeekInEnglish()
    {
        auto facts = AwayFacts::collect(*m_store, *m_budgets, *m_spend, now() - 7 * kDay, now());
        QVERIFY2(facts, qPrintable(facts.error()));
        const QString text = AwayReport::render(facts.value(), "en", AwayReport::Style::Markdown);
        qInfo("%s", qPrintable(text));
        for (const char* line :
             {"# While you were away: ",
              "## 🏗 Built and changed (4)",
              "- weather clock: built, completed, $2.00",
              "- weather clock: changed, completed, $1.50",
              "- weather clock: repaired, completed, $0.75",
              "- echo bot: changed, failed (the tests kept failing), $0.50",
              "## 🚨 Incidents (3)",
              "- weather clock, down on ",
              "answers again after a restart",
              "given up, it needs you",
              "- weather clock: 90% (healthy now)",
              "- echo bot: 0% (NOT healthy now)",
              "- Spent $5.00 (the period before: $1.00, +400%).",
              "- Budget: $3.90 of $10.00 left.",
              "## ⏳ Waiting for you (3)",
              "- echo bot: a question: Which greeting should it use?",
              "- echo bot: your approval of a repair run (/repair echo bot)",
              "- weather clock: an incident I gave up: still failing after the repair run",
              "- The global budget runs out in about 5 days at this pace",
              "- The TLS certificate of weather clock ends in 5 days",
              "- Nobody used echo bot",
              "- weather clock spent this month's repair budget ($0.50)"})
            QVERIFY2(text.contains(QString::fromUtf8(line)), line);
        QVERIFY(!text.contains("old")); // three weeks ago
    }

    void theWeekInRussian()
    {
        auto facts = AwayFacts::collect(*m_store, *m_budgets, *m_spend, now() - 7 * kDay, now());
        QVERIFY(facts);
        const QString text = AwayReport::render(facts.value(), "ru", AwayReport::Style::Chat);
        qInfo("%s", qPrintable(text));
        for (const char* line :
             {"Пока вас не было: с ", "🏗 Создано и изменено (4)",
              "- weather clock: ремонт", "🚨 Сбои (3)", "снова отвечает после перезапуска",
              "- echo bot: изменение, не удался", "я сдался, нужны вы",
              "- weather clock: 90% (сейчас работает)", "- Потрачено $5.00", "⏳ Ждёт вас (3)",
              "- echo bot: вопрос: Which greeting should it use?",
              "ваше согласие на ремонтный запуск", "Общий бюджет закончится примерно через 5 дн.",
              "TLS-сертификат «weather clock» закончится через 5 дн.",
              "«echo bot» никто не пользуется",
              "«weather clock» израсходовал бюджет ремонта на месяц ($0.50)"})
            QVERIFY2(text.contains(QString::fromUtf8(line)), line);
        QVERIFY(!text.contains("## ")); // chat text: no Markdown headings
    }

    void aQuietWeekSaysSo()
    {
        auto facts = AwayFacts::collect(*m_store, *m_budgets, *m_spend, now() + kDay, now() + kDay);
        QVERIFY(facts);
        const QString text = AwayReport::render(facts.value(), "en", AwayReport::Style::Chat);
        QVERIFY(text.contains("No run ended."));
        QVERIFY(text.contains("- Spent $0.00"));
    }
};

QTEST_GUILESS_MAIN(TestAwayReport)
#include "tst_away_report.moc"
