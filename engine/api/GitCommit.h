#pragma once
// One commit of a project's repository, for review.

#include <QString>

namespace orch {

struct GitCommitInfo
{
    QString sha;
    QString summary;
    QString author;
    qint64 time = 0;
};

} // namespace orch
