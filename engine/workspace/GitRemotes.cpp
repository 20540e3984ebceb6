// The network side of a repository: its remotes, and pushes with a token that goes only
// where the settings say.
#include "workspace/GitHandles.h"
#include "workspace/GitRepository.h"

#include <QUrl>

namespace orch {

using namespace git;

namespace {

struct CredentialPolicy
{
    QByteArray token;
    QString host; // the only host the token goes to, over https
};

int credentials(git_credential** out, const char* url, const char*, unsigned int allowed,
                void* payload)
{
    const auto* policy = static_cast<const CredentialPolicy*>(payload);
    if (!policy || policy->token.isEmpty() || !(allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT))
        return GIT_PASSTHROUGH;
    if (!GitRepository::credentialsAllowed(QString::fromUtf8(url), policy->host)) {
        git_error_set_str(
            GIT_ERROR_NET,
            QStringLiteral("credentials refused for %1: the token goes only to "
                           "https://%2")
                .arg(QUrl(QString::fromUtf8(url)).toDisplayString(QUrl::RemoveUserInfo),
                     policy->host)
                .toUtf8()
                .constData());
        return GIT_EUSER;
    }
    return git_credential_userpass_plaintext_new(out, "x-access-token", policy->token.constData());
}

} // namespace

Result<void> GitRepository::setRemote(const QString& name, const QString& url)
{
    // Written to .git/config for people and other git clients; this process never reads it
    // (open() gives the repository an empty configuration).
    Config onDisk;
    const QByteArray file = QByteArray(git_repository_path(m_repo)) + "config";
    const QByteArray key = QStringLiteral("remote.%1.").arg(name).toUtf8();
    const QByteArray fetch = QStringLiteral("+refs/heads/*:refs/remotes/%1/*").arg(name).toUtf8();
    if (git_config_open_ondisk(onDisk.out(), file.constData()) != 0 ||
        git_config_set_string(onDisk.ptr, key + "url", url.toUtf8().constData()) != 0 ||
        git_config_set_string(onDisk.ptr, key + "fetch", fetch.constData()) != 0)
        return gitError(QStringLiteral("cannot set remote %1").arg(name));
    return {};
}

Result<void> GitRepository::anonymousRemote(git_remote** remote, const QString& url) const
{
    // No insteadOf/pushInsteadOf rewriting, and the URL checked as libgit2 will use it.
    git_remote_create_options options = GIT_REMOTE_CREATE_OPTIONS_INIT;
    options.repository = m_repo;
    options.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
    const QByteArray wanted = url.toUtf8();
    const QString shown = QUrl(url).toDisplayString(QUrl::RemoveUserInfo);
    if (git_remote_create_with_opts(remote, wanted.constData(), &options) != 0)
        return gitError(QStringLiteral("cannot reach %1").arg(shown));
    if (wanted != git_remote_url(*remote) || git_remote_pushurl(*remote) != nullptr)
        return Error{QStringLiteral("refused: the remote for %1 was rewritten").arg(shown),
                     ErrorCode::Forbidden};
    return {};
}

bool GitRepository::credentialsAllowed(const QString& url, const QString& credentialHost)
{
    const QUrl parsed(url, QUrl::StrictMode);
    return parsed.isValid() && parsed.scheme() == QLatin1String("https") &&
           !credentialHost.isEmpty() &&
           parsed.host().compare(credentialHost, Qt::CaseInsensitive) == 0;
}

Result<void> GitRepository::push(const QString& url, const QByteArray& token,
                                 const QString& credentialHost)
{
    auto branch = currentBranch();
    if (!branch)
        return branch.failure();
    Remote remote;
    if (auto made = anonymousRemote(remote.out(), url); !made)
        return made.failure();
    const QByteArray refspec =
        QStringLiteral("refs/heads/%1:refs/heads/%1").arg(branch.value()).toUtf8();
    char* spec = const_cast<char*>(refspec.constData());
    const git_strarray specs = {&spec, 1};
    git_push_options options = GIT_PUSH_OPTIONS_INIT;
    options.callbacks.credentials = credentials;
    CredentialPolicy policy{token, credentialHost};
    options.callbacks.payload = &policy;
    if (git_remote_push(remote.ptr, &specs, &options) != 0)
        return gitError(QStringLiteral("push to origin (%1) failed")
                            .arg(QUrl(url).toDisplayString(QUrl::RemoveUserInfo)));
    return {};
}

Result<std::optional<QString>> GitRepository::remoteBranchSha(const QString& url,
                                                              const QByteArray& token,
                                                              const QString& credentialHost,
                                                              const QString& branch)
{
    Remote remote;
    if (auto made = anonymousRemote(remote.out(), url); !made)
        return made.failure();
    git_remote_callbacks callbacks = GIT_REMOTE_CALLBACKS_INIT;
    callbacks.credentials = credentials;
    CredentialPolicy policy{token, credentialHost};
    callbacks.payload = &policy;
    const QString shown = QUrl(url).toDisplayString(QUrl::RemoveUserInfo);
    if (git_remote_connect(remote.ptr, GIT_DIRECTION_FETCH, &callbacks, nullptr, nullptr) != 0)
        return gitError(QStringLiteral("cannot read the branches of %1").arg(shown));
    const git_remote_head** heads = nullptr;
    size_t count = 0;
    if (git_remote_ls(&heads, &count, remote.ptr) != 0)
        return gitError(QStringLiteral("cannot read the branches of %1").arg(shown));
    const QByteArray wanted = QStringLiteral("refs/heads/%1").arg(branch).toUtf8();
    for (size_t i = 0; i < count; ++i)
        if (wanted == heads[i]->name) {
            char sha[GIT_OID_HEXSZ + 1] = {};
            git_oid_tostr(sha, sizeof sha, &heads[i]->oid);
            return std::optional<QString>(QString::fromLatin1(sha));
        }
    return std::optional<QString>();
}

} // namespace orch
