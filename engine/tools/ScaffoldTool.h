#pragma once
// scaffold: start the project from a template. The spec-first Copier template when `copier`
// is installed and configured; otherwise the bundled templates (resources/templates).
// Existing files are never overwritten.

#include "sandbox/SandboxSettings.h"
#include "tools/Tool.h"

namespace orch {

struct ScaffoldSettings
{
    QString copierTemplate;   // a Copier template (path or git URL); empty: bundled templates
    QString copierProgram;    // the copier executable; empty: `copier` in the system folders
    bool copierTrust = false; // --trust: the template's own tasks and migrations run
    SandboxSettings sandbox;
    int copierTimeoutS = 300;
};

class ScaffoldTool final : public Tool
{
public:
    explicit ScaffoldTool(ScaffoldSettings settings = {});

    ToolSpec spec() const override;
    void invoke(const Json& arguments, const ToolContext& context, ToolDone done) override;

    static QStringList bundledTemplates();

private:
    void runCopier(const QString& copier, const QString& projectName, const QStringList& modules,
                   const QString& workspace, const ToolContext& context, ToolDone done) const;
    void copyBundled(const QString& name, const QString& projectName, const QString& description,
                     const QString& workspace, ToolDone done) const;

    ScaffoldSettings m_settings;
};

} // namespace orch
