#pragma once
// run_command: a program from the allow-list, run in the workspace with an argv list (never
// a shell string), a timeout and an output cap. Returns the exit code and the output's tail.

#include "deploy/PythonEnvironment.h"
#include "sandbox/SandboxSettings.h"
#include "tools/Tool.h"

#include <QStringList>

namespace orch {

struct CommandSettings
{
    QStringList allowed = {QStringLiteral("make"), QStringLiteral("python3"),
                           QStringLiteral("git"),  QStringLiteral("ls"),
                           QStringLiteral("cat"),  QStringLiteral("grep")};
    int defaultTimeoutS = 120;
    int maxTimeoutS = 900;
    int outputCapBytes = 64 * 1024;
    SandboxSettings sandbox;
    PythonSettings python; // run_tests installs the project's dependencies first
};

class CommandTool final : public Tool
{
public:
    explicit CommandTool(CommandSettings settings = {});

    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    CommandSettings m_settings;
};

// run_tests: `make test` in the workspace; the result (exit code, not the model's word)
// becomes state.tests. The dependencies deploy.json names are installed into the workspace's
// own .venv first (as the deploy will install them), and the tests run with it on PATH.
class RunTestsTool final : public Tool
{
public:
    explicit RunTestsTool(CommandSettings settings = {});

    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

private:
    void runMake(const ToolContext& context, ToolDone done);

    CommandTool m_command;
    CommandSettings m_settings;
};

} // namespace orch
