#include "tools/SourceCheck.h"

#include "workspace/Workspace.h"

#include <QFile>

namespace orch {
namespace {

// Prints "file:line:column: message" and the offending line, as a compiler would.
constexpr const char* kPythonParse = "import ast, sys\n"
                                     "try:\n"
                                     "    ast.parse(open(sys.argv[1], 'rb').read(), sys.argv[1])\n"
                                     "except SyntaxError as e:\n"
                                     "    print(f'{e.filename}:{e.lineno}:{e.offset}: {e.msg}')\n"
                                     "    print((e.text or '').rstrip())\n"
                                     "    sys.exit(1)\n"
                                     "except (ValueError, RecursionError, MemoryError) as e:\n"
                                     "    print(f'{sys.argv[1]}: {e}')\n"
                                     "    sys.exit(1)\n";

} // namespace

SourceCheck::SourceCheck(CommandSettings settings)
{
    settings.allowed = {QStringLiteral("python3"), QStringLiteral("node")};
    settings.defaultTimeoutS = 20;
    settings.outputCapBytes = 8 * 1024;
    m_command = std::make_shared<CommandTool>(std::move(settings));
}

void SourceCheck::check(const QString& relativePath, const ToolContext& context,
                        std::function<void(QString)> done) const
{
    const QString suffix = relativePath.section(QLatin1Char('.'), -1).toLower();
    if (suffix == QLatin1String("json")) {
        auto resolved = Workspace(context.workspace).resolve(relativePath);
        QFile file(resolved ? resolved.value() : QString());
        if (!resolved || !file.open(QIODevice::ReadOnly))
            return done({});
        const auto parsed = Json::parse(file.read(4 << 20).toStdString(), nullptr, false);
        return done(parsed.is_discarded() ? QStringLiteral("%1: not valid JSON").arg(relativePath)
                                          : QString());
    }
    Json argv;
    if (suffix == QLatin1String("py"))
        argv = {"python3", "-c", kPythonParse, toStd(relativePath)};
    else if (suffix == QLatin1String("js") || suffix == QLatin1String("mjs"))
        argv = {"node", "--check", toStd(relativePath)};
    else
        return done({});
    m_command->invoke({{"argv", argv}}, context, [done](ToolResult result) {
        // A checker that is missing or could not start says nothing about the file.
        if (!result.output.contains("exit_code") || result.ok)
            return done({});
        done(toQ(stringOr(result.output, "output_tail")).trimmed().left(2000));
    });
}

void SourceCheck::annotate(const QString& relativePath, const ToolContext& context,
                           ToolResult result, ToolDone done) const
{
    auto shared = std::make_shared<ToolResult>(std::move(result));
    check(relativePath, context, [shared, done](QString complaint) {
        if (!complaint.isEmpty()) {
            shared->output["syntax_error"] = toStd(complaint);
            shared->output["note"] = "the change was saved, but the file no longer parses; "
                                     "fix it before anything else";
        }
        done(std::move(*shared));
    });
}

} // namespace orch
