#pragma once
// Writes the report of a finished run: into the store (reports table) and as a Markdown file.

#include "core/Result.h"
#include "store/Records.h"

namespace orch {

class RunStore;

class ReportWriter
{
public:
    ReportWriter(RunStore& store, QString folder);

    // Returns the file's path.
    Result<QString> write(const RunRecord& run);

private:
    RunStore& m_store;
    QString m_folder;
};

} // namespace orch
