// Editing one agent's fields: the form's values into the document, each change one undo step.
#include "GraphEditor.h"
#include "VariantJson.h"

#include <QLocale>
#include <QProcess>

namespace orch::ui {
namespace {

// A coding agent runs a CLI with its own tools and model; an LLM agent is the built-in loop
// with a model profile. Switching keeps what both have (title, prompt, handoffs, place).
void setKind(Json& agent, const QString& kind)
{
    if (kind == QLatin1String("coding_agent")) {
        agent["kind"] = "coding_agent";
        agent.erase("tools");
        if (!member(agent, "coding").is_object())
            agent["coding"] = {{"program", "claude"},
                               {"key_secret", "key:anthropic"},
                               {"max_minutes", 30},
                               {"max_cost_usd", 5}};
    } else {
        agent["kind"] = "llm";
        agent.erase("coding");
    }
}

void setCodingField(Json& coding, const QString& name, const QVariant& value)
{
    if (!coding.is_object())
        coding = Json::object();
    const QString text = value.toString().trimmed();
    if (name == QLatin1String("max_minutes") || name == QLatin1String("max_cost_usd")) {
        bool number = false;
        const double amount = QLocale::c().toDouble(text, &number);
        // What is not a number stays as typed, for validation to name it.
        coding[toStd(name)] = number ? Json(amount) : Json(toStd(text));
    } else if (name == QLatin1String("command")) {
        Json words = Json::array();
        for (const QString& word : QProcess::splitCommand(text))
            words.push_back(toStd(word));
        if (words.empty())
            coding.erase("command");
        else
            coding["command"] = words;
    } else if (name == QLatin1String("program")) {
        coding["program"] = toStd(text);
        if (text != QLatin1String("command"))
            coding.erase("command");
    } else if (name == QLatin1String("model") || name == QLatin1String("key_secret")) {
        if (text.isEmpty())
            coding.erase(toStd(name));
        else
            coding[toStd(name)] = toStd(text);
    }
}

} // namespace

void GraphEditor::setField(int row, const QString& field, const QVariant& value)
{
    if (row < 0 || row >= rowCount())
        return;
    Json after = m_graph;
    Json& agent = after["agents"][size_t(row)];
    if (field == QLatin1String("prompt"))
        agent["prompt"] = {{"text", toStd(value.toString())}};
    else if (field == QLatin1String("temperature"))
        agent["temperature"] = value.toDouble();
    else if (field == QLatin1String("max_turns"))
        agent["max_turns"] = value.toInt();
    else if (field == QLatin1String("terminal"))
        agent["terminal"] = value.toBool();
    else if (field == QLatin1String("title") && value.toString().trimmed().isEmpty())
        return emit failed(tr("An agent needs a title: it names the agent on the graph."));
    else if (field == QLatin1String("title") || field == QLatin1String("model"))
        agent[toStd(field)] = toStd(value.toString().trimmed());
    else if (field == QLatin1String("kind"))
        setKind(agent, value.toString());
    else if (field.startsWith(QLatin1String("coding.")))
        setCodingField(agent["coding"], field.mid(7), value);
    else
        return;
    if (after == m_graph)
        return;
    change(tr("Edit %1").arg(field), std::move(after),
           QStringLiteral("field:%1:%2").arg(row).arg(field));
}

void GraphEditor::setTool(int row, const QString& tool, bool on)
{
    setListed(row, "tools", tool, on, on ? tr("Add tool") : tr("Remove tool"));
}

void GraphEditor::setHandoff(int row, const QString& target, bool on)
{
    setListed(row, "handoffs", target, on, tr("Edit handoffs"));
}

void GraphEditor::setListed(int row, const char* list, const QString& value, bool on,
                            const QString& text)
{
    if (row < 0 || row >= rowCount())
        return;
    Json after = m_graph;
    Json& items = after["agents"][size_t(row)][list];
    if (!items.is_array())
        items = Json::array();
    const auto it = std::find(items.begin(), items.end(), Json(toStd(value)));
    if (on == (it != items.end()))
        return;
    if (on)
        items.push_back(toStd(value));
    else
        items.erase(it);
    change(text, std::move(after));
}

} // namespace orch::ui
