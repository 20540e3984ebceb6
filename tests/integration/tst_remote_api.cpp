// The remote API over a real WebSocket on 127.0.0.1: clients without the token are closed
// with the reason; requests get typed answers and clear errors; events arrive in the order
// the store recorded them; a graph edit makes a new version while a running run finishes on
// its own; a run forks from a checkpoint; the client survives the server going away.

#include "ScriptedModel.h"
#include "TestGraphs.h"
#include "remote/RemoteEngine.h"
#include "remote/RemoteServer.h"
#include "runtime/GraphCatalog.h"
#include "store/RunStore.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

using namespace orch;
using namespace orch::test;

namespace {
const QByteArray kToken = "remote-test-token-5d1e";

// Waits for a reply delivered through a callback.
template <typename T>
Result<T> await(const std::function<void(Reply<T>)>& call, int timeoutMs = 10000)
{
    std::optional<Result<T>> answer;
    call([&answer](Result<T> r) { answer = std::move(r); });
    (void)QTest::qWaitFor([&] { return answer.has_value(); }, timeoutMs);
    return answer ? std::move(*answer) : Result<T>(Error{QStringLiteral("no answer in time")});
}
} // namespace

class TestRemoteApi : public QObject
{
    Q_OBJECT

    FakeLlmServer m_model;
    ScriptedModel m_script;
    std::unique_ptr<TestEngine> m_engine;
    std::unique_ptr<RemoteServer> m_server;

    QUrl url() const { return QUrl(QStringLiteral("ws://127.0.0.1:%1").arg(m_server->port())); }
    // A chain of three agents, each answering "done", run to its end through `client`; its
    // id (empty when it did not start or stop in time).
    QString finishedChainRun(RemoteEngine& client, QSignalSpy& stopped, const QString& description)
    {
        if (!inside(*m_engine->engine).graphs().save(chainGraph(3)).ok())
            return {};
        m_script.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done"); });
        auto started = await<QString>([&](auto done) { client.startRun({description}, done); });
        return started.ok() && stopped.wait(5000) ? started.value() : QString();
    }

    std::unique_ptr<RemoteEngine> connectedClient()
    {
        auto client = std::make_unique<RemoteEngine>(url(), kToken);
        QSignalSpy connected(client.get(), &RemoteEngine::connectionChanged);
        client->open();
        if (!connected.wait(5000) || !client->isConnected())
            qWarning("not connected: %s", qPrintable(client->lastError()));
        return client;
    }

private slots:
    void initTestCase() { QVERIFY(m_model.listen()); }
    void init()
    {
        m_script = ScriptedModel();
        m_model.reset();
        m_model.setHandler(m_script.handler());
        m_engine = std::make_unique<TestEngine>(m_model);
        RemoteServerSettings settings;
        settings.token = kToken;
        settings.maxMessageBytes = 64 * 1024;
        settings.authTimeoutMs = 500;
        m_server = std::make_unique<RemoteServer>(*m_engine->engine, settings, nullptr);
        QVERIFY(m_server->listen().ok());
    }
    void cleanup()
    {
        m_server.reset();
        m_engine.reset();
    }

    void refusedWithoutTheToken()
    {
        for (const QByteArray& hello :
             {QByteArray(R"({"type":"hello","token":"wrong"})"),
              QByteArray(R"({"type":"request","id":1,"method":"runs.list"})")}) {
            QWebSocket socket;
            QSignalSpy closed(&socket, &QWebSocket::disconnected);
            QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
            socket.open(url());
            QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
            socket.sendTextMessage(QString::fromUtf8(hello));
            QVERIFY(closed.wait(3000));
            QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodePolicyViolated);
            QVERIFY2(socket.closeReason().startsWith("authentication"),
                     qPrintable(socket.closeReason()));
            QCOMPARE(messages.size(), 0); // nothing was answered
        }
        // Silence is refused too, after the time allowed.
        QWebSocket silent;
        QSignalSpy closed(&silent, &QWebSocket::disconnected);
        silent.open(url());
        QVERIFY(closed.wait(3000));
        QVERIFY(silent.closeReason().contains("hello"));
        // And the client class reports the refusal instead of retrying forever.
        RemoteEngine wrong(url(), "not-the-token");
        QSignalSpy changed(&wrong, &RemoteEngine::connectionChanged);
        wrong.open();
        QVERIFY(changed.wait(3000));
        QVERIFY(!wrong.isConnected());
        auto runs = await<std::vector<RunRecord>>([&](auto done) { wrong.runs({}, done); });
        QVERIFY(!runs.ok());
        QVERIFY2(runs.error().contains("refused"), qPrintable(runs.error()));
        QCOMPARE(m_server->authenticatedClients(), 0);
    }

    void badRequestsGetClearErrorsAndTheConnectionStays()
    {
        QWebSocket socket;
        QSignalSpy messages(&socket, &QWebSocket::textMessageReceived);
        socket.open(url());
        QTRY_COMPARE(socket.state(), QAbstractSocket::ConnectedState);
        socket.sendTextMessage(
            QStringLiteral(R"({"type":"hello","token":"%1"})").arg(QString::fromUtf8(kToken)));
        QVERIFY(messages.wait(3000));
        QCOMPARE(parseJson(messages.takeFirst().first().toString().toUtf8())["type"], "welcome");
        auto ask = [&](const QString& text) {
            messages.clear();
            socket.sendTextMessage(text);
            return messages.wait(3000) ? parseJson(messages.first().first().toString().toUtf8())
                                       : Json();
        };
        Json reply = ask("{not json");
        QCOMPARE(reply["error"]["code"], "bad_request");
        reply = ask(R"({"type":"request","id":7,"method":"runs.explode"})");
        QCOMPARE(reply["id"], 7);
        QVERIFY(toQ(reply["error"]["message"]).contains("unknown method"));
        reply = ask(R"({"type":"request","id":8,"method":"runs.get","params":{"run_id":"nope"}})");
        QCOMPARE(reply["error"]["code"], "not_found");
        reply = ask(
            R"({"type":"request","id":9,"method":"graphs.save","params":{"body":{"format":"x"}}})");
        QCOMPARE(reply["error"]["code"], "invalid_graph");
        reply = ask(R"({"type":"request","id":10,"method":"runs.list"})");
        QCOMPARE(reply["type"], "response");
        QVERIFY(reply["result"].is_array());
        // Over the size limit: the server closes the connection.
        QSignalSpy closed(&socket, &QWebSocket::disconnected);
        socket.sendTextMessage(QString(70 * 1024, QLatin1Char('x')));
        QVERIFY(closed.wait(3000));
        QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeTooMuchData);
    }

    void eventsArriveInTheOrderTheyWereRecorded()
    {
        QVERIFY(inside(*m_engine->engine).graphs().save(chainGraph(3)).ok());
        m_script.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done"); });
        auto client = connectedClient();
        QVERIFY(client->isConnected());
        QStringList received;
        QString runId;
        connect(client.get(), &EngineApi::event, this,
                [&](const RunEvent& e) { received << EventKind::name(e.kind) + "@" + e.agent; });
        QSignalSpy stopped(client.get(), &EngineApi::runStopped);
        auto started = await<QString>([&](auto done) { client->startRun({"three steps"}, done); });
        QVERIFY2(started.ok(), qPrintable(started.error()));
        QVERIFY(stopped.wait(10000));
        QCOMPARE(stopped.first().first().value<RunRecord>().status, RunStatus::Completed);
        QStringList stored;
        for (const RunEvent& e : inside(*m_engine->engine).store().events(started.value()).value())
            stored << EventKind::name(e.kind) + "@" + e.agent;
        QCOMPARE(received, stored);
        QVERIFY(received.contains("step_started@a2"));
        QVERIFY(received.contains("ledger_entry@a3"));
        // The run with its steps and checkpoints, typed on the client side.
        auto detail =
            await<RunDetail>([&](auto done) { client->runDetail({started.value()}, done); });
        QVERIFY2(detail.ok(), qPrintable(detail.error()));
        QCOMPARE(detail->steps.size(), size_t(3));
        QCOMPARE(detail->checkpoints.size(), size_t(4));
        QCOMPARE(detail->project.name, QString("three steps"));
        auto balances = await<Balances>([&](auto done) { client->balances({}, done); });
        QVERIFY(balances.ok());
        QCOMPARE(balances->byAgent.size(), size_t(3));
        QCOMPARE(balances->global.unknownCostCalls, 3); // fake-model has no price
        auto report = await<QString>([&](auto done) { client->report({started.value()}, done); });
        QVERIFY(report.ok() && report->contains("three steps"));
        auto reports =
            await<std::vector<ReportEntry>>([&](auto done) { client->reports({}, done); });
        QVERIFY(reports.ok());
        QCOMPARE(reports->size(), size_t(1));
        QCOMPARE(reports->front().key, started.value());
    }

    void aGraphEditMakesANewVersionWhileARunKeepsItsOwn()
    {
        const Json first =
            testGraph("a",
                      {testAgent("a", {{"tools", {"ask_human"}}, {"handoffs", {"b"}}}),
                       testAgent("b", {{"terminal", true}})},
                      {{{"from", "a"}, {"to", "b"}, {"when", "always"}}});
        QVERIFY(inside(*m_engine->engine).graphs().save(first).ok());
        m_script.script("a",
                        {FakeReply::openAiToolCalls({toolCall("ask_human", {{"question", "Go?"}})}),
                         FakeReply::openAiText("ok")});
        m_script.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done"); });
        auto client = connectedClient();
        QSignalSpy stopped(client.get(), &EngineApi::runStopped);
        const QString runId =
            await<QString>([&](auto done) { client->startRun({"versioned"}, done); }).value();
        QVERIFY(stopped.wait(5000));
        QCOMPARE(stopped.takeFirst().first().value<RunRecord>().status, RunStatus::WaitingHuman);

        // The edit: b hands over to a new terminal agent c.
        Json second = first;
        second["agents"][1]["terminal"] = false;
        second["agents"].push_back(testAgent("c", {{"terminal", true}}));
        second["edges"].push_back({{"from", "b"}, {"to", "c"}, {"when", "always"}});
        auto saved = await<GraphVersion>([&](auto done) { client->saveGraph({second}, done); });
        QVERIFY2(saved.ok(), qPrintable(saved.error()));
        const qint64 oldVersion = inside(*m_engine->engine).store().run(runId).value().graphId;
        QVERIFY(saved->id != oldVersion);
        auto current = await<GraphVersion>([&](auto done) { client->graph({0}, done); });
        QCOMPARE(current->id, saved->id);
        QCOMPARE(current->body["agents"].size(), size_t(3));
        QCOMPARE(await<std::vector<GraphVersion>>([&](auto done) {
                     client->graphVersions({}, done);
                 })->size(),
                 size_t(2));

        QVERIFY(await<bool>([&](auto done) {
                    client->answer({runId, "yes"}, [done](Result<void> r) {
                        done(r ? Result<bool>(true) : Result<bool>(Error{r.error()}));
                    });
                }).ok());
        QVERIFY(stopped.wait(5000));
        QCOMPARE(stopped.takeFirst().first().value<RunRecord>().status, RunStatus::Completed);
        QStringList agents;
        for (const auto& step : inside(*m_engine->engine).store().steps(runId).value())
            agents << step.agent;
        QCOMPARE(agents,
                 QStringList({"a", "a", "a", "b"})); // ask, answer, finish, b: the old graph
        QCOMPARE(inside(*m_engine->engine).store().run(runId).value().graphId, oldVersion);

        const QString next =
            await<QString>([&](auto done) { client->startRun({"uses the edit"}, done); }).value();
        QVERIFY(stopped.wait(5000));
        QCOMPARE(inside(*m_engine->engine).store().run(next).value().graphId, saved->id);
    }

    void forkFromACheckpoint()
    {
        auto client = connectedClient();
        QSignalSpy stopped(client.get(), &EngineApi::runStopped);
        const QString original = finishedChainRun(*client, stopped, "forkable");
        QVERIFY(!original.isEmpty());
        auto forked = await<QString>([&](auto done) { client->forkRun({original, 1}, done); });
        QVERIFY2(forked.ok(), qPrintable(forked.error()));
        QVERIFY(stopped.wait(5000));
        const RunRecord fork = inside(*m_engine->engine).store().run(forked.value()).value();
        QCOMPARE(fork.status, RunStatus::Completed);
        QCOMPARE(fork.projectId, inside(*m_engine->engine).store().run(original).value().projectId);
        QStringList agents;
        for (const auto& step : inside(*m_engine->engine).store().steps(fork.id).value())
            agents << step.agent;
        QCOMPARE(agents, QStringList({"a2", "a3"})); // a1's step is inherited from the checkpoint
        QCOMPARE(inside(*m_engine->engine).store().checkpoints(fork.id).value().front().state,
                 inside(*m_engine->engine).store().checkpoints(original).value()[1].state);
        QVERIFY(!await<QString>([&](auto done) { client->forkRun({original, 42}, done); }).ok());
    }

    // Time travel: a fork whose state has a value edited by the person; a refused edit starts
    // nothing and says why.
    void forkWithAnEditedStateValue()
    {
        auto client = connectedClient();
        QSignalSpy stopped(client.get(), &EngineApi::runStopped);
        const QString original = finishedChainRun(*client, stopped, "editable");
        QVERIFY(!original.isEmpty());
        RunStore& store = inside(*m_engine->engine).store();
        const auto runsBefore = store.runs().value().size();
        // Each refusal names its reason: an engine-owned key, a parent that is not there, and
        // edits that are not an object (refused on the wire, naming the parameter).
        const std::pair<Json, const char*> refusals[] = {
            {Json{{"/resources/port", "project:other:port"}}, "recorded by the engine"},
            {Json{{"/no/such/parent", 1}}, "has nothing at /no/such"},
            {Json("/note = 1"), "params.set"}};
        for (const auto& [bad, reason] : refusals) {
            auto refused = await<QString>([&](auto done) {
                client->forkRun({original, 1, bad}, done);
            });
            QVERIFY(!refused.ok());
            QVERIFY2(refused.error().contains(reason), qPrintable(refused.error()));
        }
        QCOMPARE(store.runs().value().size(), runsBefore);

        auto forked = await<QString>([&](auto done) {
            client->forkRun({original, 1, Json{{"/note", "use Paris, not Tokyo"}}}, done);
        });
        QVERIFY2(forked.ok(), qPrintable(forked.error()));
        QVERIFY(stopped.wait(5000));
        const Checkpoint start = store.checkpoints(forked.value()).value().front();
        QCOMPARE(start.state["note"], "use Paris, not Tokyo");
        QVERIFY(!store.checkpoints(original).value()[1].state.contains("note"));
        const auto events = store.events(forked.value(), 0).value();
        QVERIFY(!events.empty());
        QCOMPARE(events.front().kind, EventKind::RunForked);
        QCOMPARE(events.front().payload["edited"], Json::array({"/note"}));
    }

    // The desktop fetches what it shows: the run view without checkpoints, one checkpoint on
    // demand, and the events after the last one it has.
    void narrowQueriesFetchWhatTheViewShows()
    {
        QVERIFY(inside(*m_engine->engine).graphs().save(chainGraph(3)).ok());
        m_script.setFallback(
            [](const QString&, const Json&) { return FakeReply::openAiText("done"); });
        auto client = connectedClient();
        QSignalSpy stopped(client.get(), &EngineApi::runStopped);
        const QString runId =
            await<QString>([&](auto done) { client->startRun({"narrow"}, done); }).value();
        QVERIFY(stopped.wait(5000));

        auto view = await<RunView>([&](auto done) { client->runView({runId}, done); });
        QVERIFY2(view.ok(), qPrintable(view.error()));
        QCOMPARE(view->steps.size(), size_t(3));
        QCOMPARE(view->run.status, RunStatus::Completed);
        QVERIFY(view->question.is_null());

        auto second = await<Checkpoint>([&](auto done) { client->checkpoint({runId, 2}, done); });
        QVERIFY2(second.ok(), qPrintable(second.error()));
        QCOMPARE(second->state,
                 inside(*m_engine->engine).store().checkpointAt(runId, 2).value().state);
        QCOMPARE(second->cursor,
                 inside(*m_engine->engine).store().checkpointAt(runId, 2).value().cursor);
        for (int bad : {-1, 4, 1 << 30})
            QVERIFY(!await<Checkpoint>([&](auto done) {
                         client->checkpoint({runId, bad}, done);
                     }).ok());

        auto all = await<std::vector<RunEvent>>([&](auto done) {
            client->runEvents({runId, 0}, done);
        });
        QVERIFY2(all.ok() && all->size() > 3, qPrintable(all.error()));
        for (size_t i = 1; i < all->size(); ++i)
            QVERIFY(all->at(i).id > all->at(i - 1).id);
        const qint64 middle = all->at(all->size() / 2).id;
        auto later = await<std::vector<RunEvent>>([&](auto done) {
            client->runEvents({runId, middle}, done);
        });
        QCOMPARE(later->size(), all->size() - all->size() / 2 - 1);
        QCOMPARE(later->front().id, all->at(all->size() / 2 + 1).id);
        QVERIFY(await<std::vector<RunEvent>>([&](auto done) {
                    client->runEvents({runId, qint64(1) << 60}, done);
                })->empty());
        QVERIFY(!await<RunView>([&](auto done) { client->runView({"no-such-run"}, done); }).ok());
    }

    void theClientSurvivesTheServerGoingAway()
    {
        auto client = connectedClient();
        QVERIFY(client->isConnected());
        const quint16 port = m_server->port();
        QSignalSpy changed(client.get(), &RemoteEngine::connectionChanged);
        m_server.reset(); // the server disappears
        QVERIFY(changed.wait(5000));
        QCOMPARE(changed.takeFirst().first().toBool(), false);
        // A request made now waits for the connection instead of being lost.
        std::optional<Result<std::vector<ProjectRecord>>> answer;
        client->projects({}, [&](auto r) { answer = std::move(r); });
        QTest::qWait(300);
        QVERIFY(!answer.has_value());
        RemoteServerSettings settings;
        settings.token = kToken;
        settings.port = port;
        m_server = std::make_unique<RemoteServer>(*m_engine->engine, settings, nullptr);
        QVERIFY(m_server->listen().ok());
        QVERIFY(changed.wait(15000));
        QCOMPARE(changed.takeFirst().first().toBool(), true);
        QTRY_VERIFY(answer.has_value());
        QVERIFY(answer->ok());
    }
};

QTEST_GUILESS_MAIN(TestRemoteApi)
#include "tst_remote_api.moc"
