#pragma once
// The few GitHub REST calls a project needs: its repository, created under the organisation
// or the token's user when it is not there yet, and the CI runs of a commit. Answers are read
// as untrusted data (a stand-in, a proxy or an outage may say anything); the token goes only
// in the Authorization header to the configured API and never into an error or a log.

#include "core/Result.h"
#include "forge/GitHubSettings.h"

#include <QByteArray>
#include <QObject>
#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace orch {

struct GitHubRepository
{
    QString fullName; // owner/name
    QString htmlUrl;
    bool isPrivate = true;
    bool created = false; // by this call
};

struct CiStatus
{
    QString status;     // none (no run for the commit yet), queued, in_progress, completed, …
    QString conclusion; // when completed: success, failure, cancelled, …
    QString url;
    QString workflow;
    int runs = 0; // how many workflow runs the commit has
};

class GitHubClient : public QObject
{
    Q_OBJECT
public:
    GitHubClient(GitHubSettings settings, QByteArray token, QNetworkAccessManager* network,
                 QObject* parent);

    void ensureRepository(const QString& name, const QString& description,
                          std::function<void(Result<GitHubRepository>)> done);
    void ciStatus(const QString& repository, const QString& sha,
                  std::function<void(Result<CiStatus>)> done);

    // A repository's name GitHub accepts: letters, digits, '-', '_' and '.', at most 100.
    static bool isRepositoryName(const QString& name);
    // What a list of workflow runs says about a commit (the newest run of each workflow).
    static Result<CiStatus> readRuns(const QByteArray& body);

private:
    using Answer = std::function<void(int status, QByteArray body, QString error)>;
    void call(const QByteArray& verb, const QString& path, const QByteArray& body, Answer done);
    void create(const QString& name, const QString& description, const QString& login,
                std::function<void(Result<GitHubRepository>)> done);
    static QString describe(int status, const QByteArray& body, const QString& what);

    GitHubSettings m_settings;
    QByteArray m_token;
    QNetworkAccessManager* m_network;
};

} // namespace orch
