#pragma once
// Where projects' repositories live on GitHub (git.provider "github" in the settings).

#include <QString>
#include <QUrl>

namespace orch {

struct GitHubSettings
{
    QUrl api = QUrl(QStringLiteral("https://api.github.com"));
    QString owner; // an organisation, or the token's own user
    bool privateRepositories = true;
    // How git reaches a repository: {owner} and {repo} are filled in.
    QString cloneUrlTemplate = QStringLiteral("https://github.com/{owner}/{repo}.git");

    QString cloneUrl(const QString& repository) const
    {
        QString url = cloneUrlTemplate;
        url.replace(QStringLiteral("{owner}"), owner);
        url.replace(QStringLiteral("{repo}"), repository);
        return url;
    }
};

} // namespace orch
