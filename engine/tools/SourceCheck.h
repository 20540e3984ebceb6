#pragma once
// After an edit of a source file: does it still parse? Python through `ast.parse` (nothing is
// executed, no bytecode written), JavaScript through `node --check` where node is installed,
// JSON in process; other files are not checked. Runs in the sandbox like any command, since
// the file is the model's.

#include "tools/CommandTool.h"

#include <functional>
#include <memory>

namespace orch {

class SourceCheck
{
public:
    explicit SourceCheck(CommandSettings settings);

    // Calls back with the parser's complaint, or an empty string when the file parses or its
    // kind is not checked (or its checker is not installed).
    void check(const QString& relativePath, const ToolContext& context,
               std::function<void(QString)> done) const;
    // Adds the check's finding to an edit's result ("syntax_error") and hands it on.
    void annotate(const QString& relativePath, const ToolContext& context, ToolResult result,
                  ToolDone done) const;

private:
    std::shared_ptr<CommandTool> m_command;
};

} // namespace orch
