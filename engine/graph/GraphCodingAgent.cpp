// A coding_agent node's settings: which CLI, its model and flags, its limits, and the vault
// handle of its key. Checked like the rest of the document, every problem with its path.
#include "graph/GraphValidator.h"

#include <QRegularExpression>

namespace orch {
namespace {

constexpr int kLongestMinutes = 600;
constexpr double kLargestCost = 1000.0;
const QStringList kPlaceholders = {QStringLiteral("{task_file}"), QStringLiteral("{model}"),
                                   QStringLiteral("{workspace}")};

QString field(const QString& path, const char* name)
{
    return path + QLatin1Char('.') + QLatin1String(name);
}

} // namespace

QStringList reservedCodingFlags(const QString& program)
{
    if (program == QLatin1String("claude"))
        return {QStringLiteral("print"),
                QStringLiteral("p"),
                QStringLiteral("output-format"),
                QStringLiteral("input-format"),
                QStringLiteral("verbose"),
                QStringLiteral("permission-mode"),
                QStringLiteral("dangerously-skip-permissions"),
                QStringLiteral("resume"),
                QStringLiteral("continue"),
                QStringLiteral("model"),
                QStringLiteral("add-dir"),
                QStringLiteral("settings"),
                QStringLiteral("mcp-config")};
    if (program == QLatin1String("codex"))
        return {
            QStringLiteral("json"),      QStringLiteral("sandbox"),
            QStringLiteral("s"),         QStringLiteral("cd"),
            QStringLiteral("c"),         QStringLiteral("C"),
            QStringLiteral("model"),     QStringLiteral("m"),
            QStringLiteral("add-dir"),   QStringLiteral("dangerously-bypass-approvals-and-sandbox"),
            QStringLiteral("full-auto"), QStringLiteral("config"),
            QStringLiteral("profile")};
    return {};
}

void GraphValidator::readCodingAgent(const Json& coding, const QString& path,
                                     AgentDefinition& agent)
{
    if (!coding.is_object()) {
        fail(path, QStringLiteral("is required for a coding_agent: an object with `program`"));
        return;
    }
    rejectUnknownKeys(
        coding, path,
        {"program", "command", "model", "settings", "max_minutes", "max_cost_usd", "key_secret"});
    CodingAgentSettings& c = agent.coding;
    if (expect(coding, "program", Type::String, path, true)) {
        c.program = toQ(coding["program"]);
        if (c.program != QLatin1String("claude") && c.program != QLatin1String("codex") &&
            c.program != QLatin1String("command"))
            fail(field(path, "program"),
                 QStringLiteral("must be \"claude\", \"codex\" or \"command\" (with `command`)"));
    }
    const bool custom = c.program == QLatin1String("command");
    if (expect(coding, "command", Type::Array, path, custom)) {
        if (!custom)
            fail(field(path, "command"), QStringLiteral("only a program \"command\" has one"));
        for (const Json& word : coding["command"]) {
            if (!word.is_string() || word.get<std::string>().empty()) {
                fail(field(path, "command"), QStringLiteral("must be a list of non-empty strings"));
                break;
            }
            c.command << toQ(word);
        }
        // The task reaches the CLI through its file: a command that never names it would run
        // without knowing what to do.
        if (custom && !c.command.isEmpty() &&
            !c.command.join(QLatin1Char(' ')).contains(QLatin1String("{task_file}")))
            fail(field(path, "command"), QStringLiteral("must name {task_file} (placeholders: %1)")
                                             .arg(kPlaceholders.join(QStringLiteral(", "))));
    }
    if (expect(coding, "model", Type::String, path, false))
        c.model = toQ(coding["model"]).trimmed();
    if (expect(coding, "settings", Type::Object, path, false)) {
        static const QRegularExpression flag(QStringLiteral("^[a-z][a-z0-9-]{0,40}$"));
        for (auto it = coding["settings"].begin(); it != coding["settings"].end(); ++it) {
            const QString settingPath = field(field(path, "settings"), it.key().c_str());
            if (!flag.match(toQ(it.key())).hasMatch())
                fail(settingPath, QStringLiteral("must be a flag name (lower case, digits, '-')"));
            else if (reservedCodingFlags(c.program).contains(toQ(it.key())))
                fail(settingPath,
                     QStringLiteral("the orchestrator sets --%1 itself").arg(toQ(it.key())));
            else if (!it->is_string() && !it->is_number() && !it->is_boolean())
                fail(settingPath, QStringLiteral("must be a string, a number or a boolean"));
        }
        c.settings = coding["settings"];
    }
    if (expect(coding, "max_minutes", Type::Number, path, false)) {
        c.maxMinutes = coding["max_minutes"].get<double>();
        // Fractions allowed (1.5 is 90 seconds); under three seconds no CLI even starts.
        if (!(c.maxMinutes >= 0.05) || c.maxMinutes > kLongestMinutes)
            fail(field(path, "max_minutes"),
                 QStringLiteral("must be from 0.05 to %1").arg(kLongestMinutes));
    }
    if (expect(coding, "max_cost_usd", Type::Number, path, false)) {
        c.maxCostUsd = coding["max_cost_usd"].get<double>();
        if (!(c.maxCostUsd > 0) || c.maxCostUsd > kLargestCost)
            fail(field(path, "max_cost_usd"),
                 QStringLiteral("must be more than 0 and at most %1").arg(kLargestCost));
    }
    // The same names the vault takes (Vault::normaliseHandle): a provider key, key:NAME.
    static const QRegularExpression handle(QStringLiteral("^key:[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"));
    if (expect(coding, "key_secret", Type::String, path, !custom)) {
        c.keySecret = toQ(coding["key_secret"]);
        if (!handle.match(c.keySecret).hasMatch())
            fail(field(path, "key_secret"),
                 QStringLiteral("must be a provider key's vault handle, key:NAME (`orchestratord "
                                "secrets set key:NAME` keeps one)"));
    }
}

} // namespace orch
