#include "deploy/Requirements.h"

#include <QRegularExpression>

namespace orch {

Result<QStringList> parseRequirements(const QByteArray& text)
{
    if (text.size() > 64 * 1024)
        return Error{QStringLiteral("the dependency file is larger than 64 KB")};
    // PEP 508 without direct references: name[extras] specifiers ; marker
    static const QRegularExpression requirement(
        QStringLiteral(R"(^[A-Za-z0-9](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9])?)"
                       R"((?:\s*\[\s*[A-Za-z0-9._-]+(?:\s*,\s*[A-Za-z0-9._-]+)*\s*\])?)"
                       R"((?:\s*(?:===|==|>=|<=|~=|!=|<|>)\s*[A-Za-z0-9.*+!_-]+)"
                       R"((?:\s*,\s*(?:===|==|>=|<=|~=|!=|<|>)\s*[A-Za-z0-9.*+!_-]+)*)?)"
                       R"((?:\s*;\s*[A-Za-z0-9_ .'"<>=!~(),-]+)?$)"));
    QStringList out;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        QString line = QString::fromUtf8(lines[i]);
        // A comment starts a line or follows a space (PEP 508 names hold no '#').
        static const QRegularExpression comment(QStringLiteral("(^|\\s)#.*$"));
        line.remove(comment);
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        const QString shown = line.left(80);
        if (line.size() > 200)
            return Error{
                QStringLiteral("dependency file line %1 is longer than 200 characters").arg(i + 1)};
        if (line.startsWith(QLatin1Char('-')))
            return Error{QStringLiteral("dependency file line %1 ('%2'): options are not "
                                        "allowed; the package index is the server's setting")
                             .arg(i + 1)
                             .arg(shown)};
        if (!requirement.match(line).hasMatch())
            return Error{QStringLiteral("dependency file line %1 ('%2') is not a plain "
                                        "requirement: write a package name with optional "
                                        "extras and versions, e.g. requests[socks]>=2.31,<3 "
                                        "(no URLs, paths or options)")
                             .arg(i + 1)
                             .arg(shown)};
        out << line;
        if (out.size() > kMaxRequirements)
            return Error{QStringLiteral("the dependency file names more than %1 packages")
                             .arg(kMaxRequirements)};
    }
    return out;
}

} // namespace orch
