#pragma once
// Parses a unified diff and applies it to text. Hunks must match exactly (their context and
// removed lines), though they may have moved by a few lines.

#include "core/Result.h"

#include <QString>
#include <QStringList>
#include <vector>

namespace orch {

struct FilePatch
{
    QString oldPath; // empty for a new file
    QString newPath; // empty for a deleted file
    struct Hunk
    {
        int oldStart = 0;  // 1-based
        QStringList lines; // each starts with ' ', '-' or '+'
    };
    std::vector<Hunk> hunks;
};

Result<std::vector<FilePatch>> parseUnifiedDiff(const QString& diff);
// Applies one file's hunks to `original`; the error names the hunk and the line.
Result<QString> applyFilePatch(const FilePatch& patch, const QString& original);

} // namespace orch
