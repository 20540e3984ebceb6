// The prompts of a graph: inline text, or a file next to the graph (bundled graphs resolve
// against their resource folder) with its {{include …}} lines filled in.
#include "graph/GraphValidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace orch {

QString GraphValidator::readPrompt(const Json& prompt, const QString& path)
{
    if (prompt.is_object()) {
        rejectUnknownKeys(prompt, path, {"text"});
        if (expect(prompt, "text", Type::String, path, true))
            return toQ(prompt["text"]);
        return {};
    }
    if (!prompt.is_string()) {
        fail(path, QStringLiteral("must be a file path or {\"text\": ...}"));
        return {};
    }
    const QString relative = toQ(prompt);
    if (QDir::isAbsolutePath(relative) && !relative.startsWith(QLatin1Char(':'))) {
        fail(path, QStringLiteral("must be relative to the graph file"));
        return {};
    }
    QFile file(QDir::cleanPath(m_baseDir + QLatin1Char('/') + relative));
    if (!file.open(QIODevice::ReadOnly)) {
        fail(path, QStringLiteral("cannot read prompt file '%1'").arg(file.fileName()));
        return {};
    }
    return withIncludes(QString::fromUtf8(file.readAll()), QFileInfo(file).absolutePath(), path);
}

QString GraphValidator::withIncludes(const QString& text, const QString& folder,
                                     const QString& path)
{
    // A line "{{include NAME}}" is replaced by the file NAME beside the prompt: rules every
    // agent shares live in one file. One level deep, and only files of the same folder.
    static const QRegularExpression include(QStringLiteral("^\\{\\{include ([\\w.-]+)\\}\\}\\s*$"),
                                            QRegularExpression::MultilineOption);
    QString out = text;
    for (auto match = include.match(out); match.hasMatch(); match = include.match(out)) {
        QFile shared(folder + QLatin1Char('/') + match.captured(1));
        if (match.captured(1).startsWith(QLatin1Char('.')) || !shared.open(QIODevice::ReadOnly)) {
            fail(path, QStringLiteral("cannot include '%1'").arg(match.captured(1)));
            return {};
        }
        QString included = QString::fromUtf8(shared.readAll());
        included.remove(include); // no nesting
        out.replace(match.capturedStart(), match.capturedLength(), included);
    }
    return out;
}

} // namespace orch
