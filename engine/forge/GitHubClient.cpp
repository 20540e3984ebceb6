#include "forge/GitHubClient.h"

#include "core/Json.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

namespace orch {
namespace {

constexpr int kTimeoutMs = 20000;
constexpr qint64 kMaxBodyBytes = 1 << 20;

QString text(const Json& object, const char* key)
{
    return toQ(stringOr(object, key));
}

} // namespace

GitHubClient::GitHubClient(GitHubSettings settings, QByteArray token,
                           QNetworkAccessManager* network, QObject* parent)
    : QObject(parent), m_settings(std::move(settings)), m_token(std::move(token)),
      m_network(network)
{
}

bool GitHubClient::isRepositoryName(const QString& name)
{
    static const QRegularExpression valid(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$"));
    return valid.match(name).hasMatch() && !name.endsWith(QLatin1String(".git"));
}

void GitHubClient::call(const QByteArray& verb, const QString& path, const QByteArray& body,
                        Answer done)
{
    QUrl url = m_settings.api;
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    url.setPath(url.path().chopped(url.path().endsWith(QLatin1Char('/')) ? 1 : 0) +
                path.left(query));
    if (query >= 0)
        url.setQuery(path.mid(query + 1));
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/vnd.github+json");
    request.setRawHeader("X-GitHub-Api-Version", "2022-11-28");
    request.setRawHeader("User-Agent", "codegen-orchestrator");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token);
    // The token goes to the configured API only: a redirect elsewhere is an answer, not a hop.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(kTimeoutMs);
    if (!body.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    QNetworkReply* reply = m_network->sendCustomRequest(request, verb, body);
    connect(reply, &QNetworkReply::readyRead, reply, [reply] {
        if (reply->bytesAvailable() > kMaxBodyBytes)
            reply->abort();
    });
    connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done)] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(kMaxBodyBytes);
        if (status == 0)
            return done(0, {},
                        QStringLiteral("GitHub's API cannot be reached: %1")
                            .arg(reply->errorString().left(300)));
        done(status, answer, {});
    });
}

QString GitHubClient::describe(int status, const QByteArray& body, const QString& what)
{
    const QString message = text(parseJson(body), "message").left(300);
    QString why;
    if (status == 401)
        why = QStringLiteral("the token (git.token_secret) is refused");
    else if (status == 403 || status == 404)
        why = QStringLiteral("the token may not do this (it needs the repo scope, and a member "
                             "of the organisation)");
    else if (status == 422)
        why = QStringLiteral("GitHub refused the request");
    else
        why = QStringLiteral("GitHub did not answer as expected");
    return QStringLiteral("%1: %2 (HTTP %3%4)")
        .arg(what, why)
        .arg(status)
        .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message);
}

void GitHubClient::ensureRepository(const QString& name, const QString& description,
                                    std::function<void(Result<GitHubRepository>)> done)
{
    if (!isRepositoryName(name) || m_settings.owner.isEmpty())
        return done(Error{QStringLiteral("'%1' under '%2' is not a GitHub repository name")
                              .arg(name.left(100), m_settings.owner.left(100)),
                          ErrorCode::Invalid});
    const QString path = QStringLiteral("/repos/%1/%2").arg(m_settings.owner, name);
    call("GET", path, {},
         [this, name, description, done](int status, const QByteArray& body, const QString& error) {
             if (!error.isEmpty())
                 return done(Error{error});
             const Json repository = parseJson(body);
             if (status == 200 && repository.is_object())
                 return done(GitHubRepository{text(repository, "full_name"),
                                              text(repository, "html_url"),
                                              boolOr(repository, "private", true), false});
             if (status != 404)
                 return done(
                     Error{describe(status, body, QStringLiteral("reading the repository"))});
             // Not there: created under the organisation, or under the token's user when the
             // owner is that user.
             call("GET", QStringLiteral("/user"), {},
                  [this, name, description, done](int status, const QByteArray& body,
                                                  const QString& error) {
                      if (!error.isEmpty())
                          return done(Error{error});
                      if (status != 200)
                          return done(Error{describe(status, body,
                                                     QStringLiteral("reading "
                                                                    "the token's "
                                                                    "user"))});
                      create(name, description, text(parseJson(body), "login"), done);
                  });
         });
}

void GitHubClient::create(const QString& name, const QString& description, const QString& login,
                          std::function<void(Result<GitHubRepository>)> done)
{
    const bool personal = login.compare(m_settings.owner, Qt::CaseInsensitive) == 0;
    const QString path = personal ? QStringLiteral("/user/repos")
                                  : QStringLiteral("/orgs/%1/repos").arg(m_settings.owner);
    const Json request = {{"name", toStd(name)},
                          {"description", toStd(description.left(300))},
                          {"private", m_settings.privateRepositories},
                          {"auto_init", false}};
    call("POST", path, toBytes(request),
         [done](int status, const QByteArray& body, const QString& error) {
             if (!error.isEmpty())
                 return done(Error{error});
             const Json repository = parseJson(body);
             if (status != 201 || !repository.is_object())
                 return done(
                     Error{describe(status, body, QStringLiteral("creating the repository"))});
             done(GitHubRepository{text(repository, "full_name"), text(repository, "html_url"),
                                   boolOr(repository, "private", true), true});
         });
}

void GitHubClient::ciStatus(const QString& repository, const QString& sha,
                            std::function<void(Result<CiStatus>)> done)
{
    static const QRegularExpression fullSha(QStringLiteral("^[0-9a-f]{40}$"));
    if (!isRepositoryName(repository) || !fullSha.match(sha).hasMatch())
        return done(
            Error{QStringLiteral("no pushed commit to read CI runs for"), ErrorCode::Invalid});
    call("GET",
         QStringLiteral("/repos/%1/%2/actions/runs?head_sha=%3&per_page=20")
             .arg(m_settings.owner, repository, sha),
         {}, [done](int status, const QByteArray& body, const QString& error) {
             if (!error.isEmpty())
                 return done(Error{error});
             if (status != 200)
                 return done(Error{describe(status, body, QStringLiteral("reading CI runs"))});
             done(readRuns(body));
         });
}

Result<CiStatus> GitHubClient::readRuns(const QByteArray& body)
{
    const Json list = parseJson(body);
    const Json runs = member(list, "workflow_runs");
    if (!list.is_object() || !runs.is_array())
        return Error{QStringLiteral("GitHub's list of CI runs is not one (no workflow_runs)")};
    CiStatus ci;
    ci.status = QStringLiteral("none");
    // The commit's CI is as good as its worst workflow: anything unfinished keeps it pending,
    // any finished run that did not succeed decides the conclusion.
    for (const Json& run : runs) {
        if (!run.is_object())
            continue;
        ++ci.runs;
        const QString status = text(run, "status");
        const QString conclusion = text(run, "conclusion");
        const bool firstSeen = ci.runs == 1;
        const bool unfinished = status != QLatin1String("completed");
        const bool failed = !unfinished && conclusion != QLatin1String("success") &&
                            conclusion != QLatin1String("skipped") &&
                            conclusion != QLatin1String("neutral");
        const bool worse = firstSeen || (unfinished && ci.status == QLatin1String("completed")) ||
                           (failed && ci.conclusion == QLatin1String("success"));
        if (worse) {
            ci.status = status.left(40);
            ci.conclusion = unfinished ? QString() : conclusion.left(40);
            ci.url = text(run, "html_url").left(300);
            ci.workflow = text(run, "name").left(100);
        }
    }
    return ci;
}

} // namespace orch
