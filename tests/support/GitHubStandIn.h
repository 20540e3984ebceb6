#pragma once
// A local stand-in for the GitHub REST endpoints a project uses, over real HTTP on 127.0.0.1:
// GET /user, GET /repos/O/R, POST /user/repos and /orgs/O/repos (a created repository gets a
// bare git repository under `storage`, where pushes go), and GET /repos/O/R/actions/runs with
// scripted answers per call. Anything without the expected bearer token gets 401.

#include "FakeLlmServer.h"
#include "workspace/GitRepository.h"

#include <QDir>
#include <QMap>
#include <QSet>

namespace orch::test {

class GitHubStandIn
{
public:
    GitHubStandIn(QByteArray token, QString storage) : m_token(std::move(token)), m_storage(storage)
    {
        m_server.setHandler([this](const RecordedRequest& request) { return answer(request); });
    }

    bool listen() { return m_server.listen(); }
    QUrl api() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.port())); }
    QString cloneTemplate() const { return m_storage + QStringLiteral("/{owner}/{repo}.git"); }
    QList<RecordedRequest> requests() const { return m_server.requests(); }

    QString login = QStringLiteral("octo");
    QSet<QString> organisations{QStringLiteral("acme")};
    QMap<QString, Json> repositories; // by full name
    // What each GET of a commit's runs answers, in turn; the last one repeats.
    QList<FakeReply> runAnswers;
    // Answers given before any of the above, for faults.
    void failNext(FakeReply reply) { m_server.enqueue(std::move(reply)); }

    static FakeReply runs(const Json& runs)
    {
        return FakeReply::raw(200,
                              toBytes({{"total_count", runs.size()}, {"workflow_runs", runs}}));
    }
    static Json run(const char* status, const char* conclusion = nullptr)
    {
        return {{"id", 7},
                {"name", "ci"},
                {"status", status},
                {"conclusion", conclusion ? Json(conclusion) : Json(nullptr)},
                {"html_url", "https://github.example/acme/runs/7"}};
    }

private:
    FakeReply answer(const RecordedRequest& request)
    {
        if (request.header("authorization") != "Bearer " + m_token)
            return FakeReply::raw(401, "{\"message\": \"Bad credentials\"}");
        const QString path = QString::fromUtf8(request.path).section(QLatin1Char('?'), 0, 0);
        const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
        if (request.method == "GET" && path == QLatin1String("/user"))
            return FakeReply::raw(200, toBytes({{"login", toStd(login)}}));
        if (request.method == "POST" && (path == QLatin1String("/user/repos") ||
                                         (parts.size() == 3 && parts[0] == QLatin1String("orgs") &&
                                          parts[2] == QLatin1String("repos"))))
            return create(parts.size() == 3 ? parts[1] : login, request.json());
        if (request.method == "GET" && parts.size() == 3 && parts[0] == QLatin1String("repos")) {
            const QString name = parts[1] + QLatin1Char('/') + parts[2];
            if (!repositories.contains(name))
                return FakeReply::raw(404, "{\"message\": \"Not Found\"}");
            return FakeReply::raw(200, toBytes(repositories[name]));
        }
        if (request.method == "GET" && parts.size() == 5 && parts[3] == QLatin1String("actions")) {
            if (runAnswers.isEmpty())
                return runs(Json::array());
            return runAnswers.size() > 1 ? runAnswers.takeFirst() : runAnswers.first();
        }
        return FakeReply::raw(404, "{\"message\": \"Not Found\"}");
    }

    FakeReply create(const QString& owner, const Json& body)
    {
        if (owner != login && !organisations.contains(owner))
            return FakeReply::raw(404, "{\"message\": \"Not Found\"}");
        const QString name = toQ(stringOr(body, "name"));
        const QString fullName = owner + QLatin1Char('/') + name;
        if (repositories.contains(fullName))
            return FakeReply::raw(422, "{\"message\": \"name already exists on this account\"}");
        const Json repository = {{"full_name", toStd(fullName)},
                                 {"html_url", "https://github.example/" + toStd(fullName)},
                                 {"private", boolOr(body, "private", false)}};
        repositories.insert(fullName, repository);
        // What GitHub keeps the repository in: here, a bare repository pushes reach.
        const QString storage = QDir(m_storage).filePath(fullName + QStringLiteral(".git"));
        QDir().mkpath(storage);
        if (!GitRepository::initBare(storage))
            return FakeReply::raw(500, "{\"message\": \"storage failed\"}");
        return FakeReply::raw(201, toBytes(repository));
    }

    FakeLlmServer m_server;
    QByteArray m_token;
    QString m_storage;
};

} // namespace orch::test
