#include "remote/RemoteEngine.h"

#include "core/Guard.h"
#include "core/Log.h"
#include "api/WireFormat.h"

#include <QWebSocket>

namespace orch {
namespace {

template <typename T>
std::function<void(Result<Json>)> typed(Reply<T> done, Result<T> (*read)(const Json&))
{
    return [done = std::move(done), read](Result<Json> raw) {
        if (!raw)
            return done(Error{raw.error()});
        auto value = read(raw.value());
        if (!value)
            return done(Error{QStringLiteral("the server's answer does not fit: %1").arg(value.error())});
        done(std::move(value));
    };
}

template <typename T>
std::function<void(Result<Json>)> typedList(Reply<std::vector<T>> done, Result<T> (*read)(const Json&))
{
    return [done = std::move(done), read](Result<Json> raw) {
        if (!raw)
            return done(Error{raw.error()});
        auto list = wire::listFrom<T>(raw.value(), read);
        if (!list)
            return done(Error{QStringLiteral("the server's answer does not fit: %1").arg(list.error())});
        done(std::move(list));
    };
}

Result<QString> runIdOf(const Json& json)
{
    if (!json.is_object() || !json.contains("run_id") || !json["run_id"].is_string())
        return Error{QStringLiteral("missing \"run_id\"")};
    return toQ(json["run_id"].get<std::string>());
}

Result<QString> markdownOf(const Json& json)
{
    if (!json.is_object() || !json.contains("markdown") || !json["markdown"].is_string())
        return Error{QStringLiteral("missing \"markdown\"")};
    return toQ(json["markdown"].get<std::string>());
}

Result<QString> textOf(const Json& json)
{
    if (!json.is_object() || !json.contains("text") || !json["text"].is_string())
        return Error{QStringLiteral("missing \"text\"")};
    return toQ(json["text"].get<std::string>());
}

Result<QStringList> pathsOf(const Json& json)
{
    if (!json.is_array())
        return Error{QStringLiteral("expected a list of paths")};
    QStringList paths;
    for (const Json& path : json)
        if (path.is_string())
            paths << toQ(path.get<std::string>());
    return paths;
}

std::function<void(Result<Json>)> untyped(Reply<void> done)
{
    return [done = std::move(done)](Result<Json> raw) {
        if (!raw)
            return done(Error{raw.error()});
        done(Result<void>());
    };
}

} // namespace

RemoteEngine::RemoteEngine(QUrl url, QByteArray token, QObject* parent)
    : EngineApi(parent), m_url(std::move(url)), m_token(std::move(token)), m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    connect(m_socket, &QWebSocket::connected, this, &RemoteEngine::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &RemoteEngine::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &RemoteEngine::onText);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] {
        if (m_wanted)
            m_socket->open(m_url);
    });
}

RemoteEngine::~RemoteEngine()
{
    m_wanted = false;
    m_socket->disconnect(this);
    m_socket->abort();
}

void RemoteEngine::open()
{
    m_wanted = true;
    m_refused = false;
    m_socket->open(m_url);
}

void RemoteEngine::close()
{
    m_wanted = false;
    m_reconnect.stop();
    m_socket->close();
}

void RemoteEngine::onConnected()
{
    m_socket->sendTextMessage(QString::fromUtf8(toBytes(Json{{"type", "hello"}, {"token", m_token.toStdString()}})));
}

void RemoteEngine::onDisconnected()
{
    const bool wasReady = m_ready;
    m_ready = false;
    const QString reason = m_socket->closeReason().isEmpty() ? m_socket->errorString() : m_socket->closeReason();
    m_lastError = reason;
    m_refused = reason.startsWith(QLatin1String("authentication"));
    auto inFlight = std::exchange(m_inFlight, {});
    for (const RawReply& done : std::as_const(inFlight))
        done(Error{QStringLiteral("the connection to orchestratord was lost (%1); the request may or may not have been carried out").arg(reason)});
    if (m_refused) {
        for (Outgoing& waiting : m_waiting)
            waiting.done(Error{QStringLiteral("orchestratord refused the connection: %1").arg(reason)});
        m_waiting.clear();
    }
    if (wasReady || m_refused)
        emit connectionChanged(false, reason);
    if (m_wanted && !m_refused)
        scheduleReconnect();
}

void RemoteEngine::scheduleReconnect()
{
    log::get("remote")->info("reconnecting to {} in {} ms", m_url.toDisplayString().toStdString(), m_backoffMs);
    m_reconnect.start(m_backoffMs);
    m_backoffMs = std::min(m_backoffMs * 2, 10000);
}

void RemoteEngine::onText(const QString& text)
{
    // A server answer that breaks a reader costs that answer, never the desktop.
    (void)guarded("remote", "a server message", [&] { handleText(text); });
}

void RemoteEngine::handleText(const QString& text)
{
    const Json message = parseJson(text.toUtf8());
    if (!message.is_object())
        return log::get("remote")->warn("ignored a message that is not a JSON object");
    const std::string type = stringOr(message, "type");
    if (type == "welcome") {
        m_ready = true;
        m_backoffMs = 500;
        m_lastError.clear();
        emit connectionChanged(true, {});
        while (!m_waiting.empty()) {
            transmit(std::move(m_waiting.front()));
            m_waiting.pop_front();
        }
        return;
    }
    if (type == "response" || type == "error") {
        const qint64 id = member(message, "id").is_number_integer() ? message["id"].get<qint64>() : 0;
        RawReply done = m_inFlight.take(id);
        if (!done)
            return;
        if (type == "error") {
            const Json error = objectAt(message, "error");
            return done(Error{QStringLiteral("%1: %2").arg(toQ(stringOr(error, "code")), toQ(stringOr(error, "message")))});
        }
        return done(member(message, "result"));
    }
    if (type == "event") {
        if (auto e = wire::eventFrom(member(message, "event")))
            emit event(e.value());
    } else if (type == "step_committed") {
        if (auto s = wire::stepFrom(member(message, "step")))
            emit stepCommitted(s.value());
    } else if (type == "run_stopped") {
        if (auto r = wire::runFrom(member(message, "run"))) {
            emit runStopped(r.value());
        }
    } else if (type == "report_written") {
        emit reportWritten(toQ(stringOr(message, "run_id")), QString());
    }
}

void RemoteEngine::request(const QString& method, Json params, RawReply done)
{
    Outgoing outgoing{method, std::move(params), std::move(done)};
    if (m_refused)
        return outgoing.done(Error{QStringLiteral("orchestratord refused the connection: %1").arg(m_lastError)});
    if (!m_ready) {
        m_waiting.push_back(std::move(outgoing)); // goes out once connected
        return;
    }
    transmit(std::move(outgoing));
}

void RemoteEngine::transmit(Outgoing outgoing)
{
    const qint64 id = m_nextId++;
    m_inFlight.insert(id, std::move(outgoing.done));
    m_socket->sendTextMessage(QString::fromUtf8(
        toBytes(Json{{"type", "request"}, {"id", id}, {"method", toStd(outgoing.method)}, {"params", outgoing.params}})));
}

void RemoteEngine::startRun(const QString& description, Reply<QString> done)
{
    request(QStringLiteral("runs.start"), {{"description", toStd(description)}}, typed<QString>(std::move(done), runIdOf));
}
void RemoteEngine::resumeRun(const QString& runId, Reply<void> done)
{
    request(QStringLiteral("runs.resume"), {{"run_id", toStd(runId)}}, untyped(std::move(done)));
}
void RemoteEngine::answer(const QString& runId, const QString& text, Reply<void> done)
{
    request(QStringLiteral("runs.answer"), {{"run_id", toStd(runId)}, {"text", toStd(text)}}, untyped(std::move(done)));
}
void RemoteEngine::cancel(const QString& runId, Reply<void> done)
{
    request(QStringLiteral("runs.cancel"), {{"run_id", toStd(runId)}}, untyped(std::move(done)));
}
void RemoteEngine::forkRun(const QString& runId, int stepNo, Reply<QString> done)
{
    request(QStringLiteral("runs.fork"), {{"run_id", toStd(runId)}, {"step", stepNo}}, typed<QString>(std::move(done), runIdOf));
}
void RemoteEngine::projects(Reply<std::vector<ProjectRecord>> done)
{
    request(QStringLiteral("projects.list"), Json::object(), typedList<ProjectRecord>(std::move(done), wire::projectFrom));
}
void RemoteEngine::projectSummaries(Reply<std::vector<ProjectSummary>> done)
{
    request(QStringLiteral("projects.summaries"), Json::object(),
            typedList<ProjectSummary>(std::move(done), wire::projectSummaryFrom));
}
void RemoteEngine::runs(Reply<std::vector<RunRecord>> done)
{
    request(QStringLiteral("runs.list"), Json::object(), typedList<RunRecord>(std::move(done), wire::runFrom));
}
void RemoteEngine::runDetail(const QString& runId, Reply<RunDetail> done)
{
    request(QStringLiteral("runs.get"), {{"run_id", toStd(runId)}}, typed<RunDetail>(std::move(done), wire::runDetailFrom));
}
void RemoteEngine::report(const QString& runId, Reply<QString> done)
{
    request(QStringLiteral("reports.get"), {{"run_id", toStd(runId)}}, typed<QString>(std::move(done), markdownOf));
}
void RemoteEngine::reports(Reply<std::vector<ReportEntry>> done)
{
    request(QStringLiteral("reports.list"), Json::object(), typedList<ReportEntry>(std::move(done), wire::reportEntryFrom));
}
void RemoteEngine::files(const QString& runId, Reply<QStringList> done)
{
    request(QStringLiteral("files.list"), {{"run_id", toStd(runId)}}, typed<QStringList>(std::move(done), pathsOf));
}
void RemoteEngine::fileText(const QString& runId, const QString& path, Reply<QString> done)
{
    request(QStringLiteral("files.read"), {{"run_id", toStd(runId)}, {"path", toStd(path)}}, typed<QString>(std::move(done), textOf));
}
void RemoteEngine::commits(const QString& runId, Reply<std::vector<GitCommitInfo>> done)
{
    request(QStringLiteral("git.log"), {{"run_id", toStd(runId)}}, typedList<GitCommitInfo>(std::move(done), wire::commitFrom));
}
void RemoteEngine::commitDiff(const QString& runId, const QString& sha, Reply<QString> done)
{
    request(QStringLiteral("git.diff"), {{"run_id", toStd(runId)}, {"sha", toStd(sha)}}, typed<QString>(std::move(done), textOf));
}
void RemoteEngine::graphVersions(Reply<std::vector<GraphVersion>> done)
{
    request(QStringLiteral("graphs.list"), Json::object(), typedList<GraphVersion>(std::move(done), wire::graphVersionFrom));
}
void RemoteEngine::graph(qint64 id, Reply<GraphVersion> done)
{
    request(QStringLiteral("graphs.get"), {{"id", id}}, typed<GraphVersion>(std::move(done), wire::graphVersionFrom));
}
void RemoteEngine::saveGraph(const Json& body, Reply<GraphVersion> done)
{
    request(QStringLiteral("graphs.save"), {{"body", body}}, typed<GraphVersion>(std::move(done), wire::graphVersionFrom));
}
void RemoteEngine::topUp(const QString& scope, double amount, Reply<BudgetStatus> done)
{
    request(QStringLiteral("budget.topup"), {{"scope", toStd(scope)}, {"amount", amount}},
            typed<BudgetStatus>(std::move(done), wire::budgetFrom));
}
void RemoteEngine::balances(Reply<Balances> done)
{
    request(QStringLiteral("balances.get"), Json::object(), typed<Balances>(std::move(done), wire::balancesFrom));
}

} // namespace orch
