// The prompts of a graph: inline text, or a file next to the graph (bundled graphs resolve
// against their resource folder) with its {{include …}} lines filled in.
#include "graph/GraphValidator.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace orch {

namespace {
constexpr int kMaxSharedPrompts = 16;
constexpr qsizetype kMaxSharedPromptChars = 64 * 1024;

bool isSharedPromptName(const QString& name)
{
    static const QRegularExpression kName(QStringLiteral("^[\\w-][\\w.-]{0,63}$"));
    return kName.match(name).hasMatch();
}
} // namespace

void GraphValidator::readSharedPrompts(const Json& shared, const QString& path,
                                       GraphDefinition& graph)
{
    if (shared.size() > size_t(kMaxSharedPrompts))
        fail(path, QStringLiteral("at most %1 shared prompts").arg(kMaxSharedPrompts));
    for (auto it = shared.begin(); it != shared.end(); ++it) {
        const QString name = toQ(it.key());
        const QString at = path + QLatin1Char('.') + name.left(64);
        if (!isSharedPromptName(name))
            fail(at, QStringLiteral("a shared prompt's name is a file name such as rules.md"));
        else if (!it->is_string())
            fail(at, QStringLiteral("must be the text of the shared prompt"));
        else if (toQ(*it).size() > kMaxSharedPromptChars)
            fail(at, QStringLiteral("longer than %1 characters").arg(kMaxSharedPromptChars));
        else
            graph.sharedPrompts[name] = toQ(*it);
    }
}

QString GraphValidator::readPrompt(const Json& prompt, const QString& path, GraphDefinition& graph,
                                   QString* source)
{
    if (prompt.is_object()) {
        rejectUnknownKeys(prompt, path, {"text"});
        if (!expect(prompt, "text", Type::String, path, true))
            return {};
        *source = toQ(prompt["text"]);
        // Inline text (a saved version, the editor's) includes only the document's own shared
        // prompts: a name must never read a file of wherever the engine runs.
        return withIncludes(*source, QString(), path, graph);
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
    *source = QString::fromUtf8(file.readAll());
    return withIncludes(*source, QFileInfo(file).absolutePath(), path, graph);
}

QString GraphValidator::withIncludes(const QString& text, const QString& folder,
                                     const QString& path, GraphDefinition& graph)
{
    // A line "{{include NAME}}" is replaced by the shared prompt NAME: rules every agent
    // shares live in one place. One level deep; a file only from the prompt's own folder.
    static const QRegularExpression include(QStringLiteral("^\\{\\{include ([\\w.-]+)\\}\\}\\s*$"),
                                            QRegularExpression::MultilineOption);
    QString out = text;
    for (auto match = include.match(out); match.hasMatch(); match = include.match(out)) {
        const QString name = match.captured(1);
        auto known = graph.sharedPrompts.find(name);
        if (known == graph.sharedPrompts.end()) {
            QFile shared(folder + QLatin1Char('/') + name);
            if (!isSharedPromptName(name) || name.startsWith(QLatin1Char('.')) ||
                folder.isEmpty() || !shared.open(QIODevice::ReadOnly)) {
                fail(path, QStringLiteral("cannot include '%1': no such shared prompt").arg(name));
                return {};
            }
            QString read = QString::fromUtf8(shared.read(kMaxSharedPromptChars + 1));
            if (read.size() > kMaxSharedPromptChars) {
                fail(path, QStringLiteral("cannot include '%1': longer than %2 characters")
                               .arg(name)
                               .arg(kMaxSharedPromptChars));
                return {};
            }
            read.remove(include); // no nesting
            known = graph.sharedPrompts.emplace(name, read).first;
        }
        QString included = known->second;
        included.remove(include);
        out.replace(match.capturedStart(), match.capturedLength(), included);
    }
    return out;
}

} // namespace orch
