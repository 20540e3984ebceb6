#include "graph/GraphLoader.h"

#include "graph/GraphValidator.h"

#include <QFile>
#include <QFileInfo>

namespace orch {

QString LoadedGraph::errorText() const
{
    QStringList lines;
    for (const auto& issue : issues)
        lines << issue.path + QStringLiteral(": ") + issue.message;
    return lines.join(QLatin1Char('\n'));
}

GraphLoader::GraphLoader(QSet<QString> knownTools, QSet<QString> builtinActions)
    : m_knownTools(std::move(knownTools)), m_builtinActions(std::move(builtinActions))
{
}

LoadedGraph GraphLoader::loadFile(const QString& path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {nullptr,
                {{QStringLiteral("$"),
                  QStringLiteral("cannot read %1: %2").arg(path, file.errorString())}}};
    return loadBytes(file.readAll(), QFileInfo(path).absolutePath());
}

LoadedGraph GraphLoader::loadBytes(const QByteArray& bytes, const QString& baseDir) const
{
    if (nestsTooDeep(bytes))
        return {nullptr,
                {{QStringLiteral("$"),
                  QStringLiteral("nested deeper than %1 levels").arg(kMaxJsonDepth)}}};
    Json document;
    try {
        document = Json::parse(bytes.constData(), bytes.constData() + bytes.size());
    } catch (const Json::exception& e) {
        return {nullptr,
                {{QStringLiteral("$"),
                  QStringLiteral("not valid JSON: %1").arg(QString::fromUtf8(e.what()))}}};
    }
    return loadJson(document, baseDir);
}

LoadedGraph GraphLoader::loadJson(const Json& document, const QString& baseDir) const
{
    GraphValidator validator(m_knownTools, m_builtinActions, baseDir);
    auto graph = validator.build(document);
    if (!validator.issues().empty())
        return {nullptr, validator.issues()};
    // Stored versions carry their prompts inline, the shared parts once beside them, so a run
    // never depends on a file that may have changed since it started.
    graph->source = document;
    for (size_t i = 0; i < graph->agents.size(); ++i)
        if (document["agents"][i].contains("prompt"))
            graph->source["agents"][i]["prompt"] = {{"text", toStd(graph->agents[i].promptSource)}};
    graph->source.erase("shared_prompts");
    for (const auto& [name, text] : graph->sharedPrompts)
        graph->source["shared_prompts"][toStd(name)] = toStd(text);
    return {std::move(graph), {}};
}

} // namespace orch
