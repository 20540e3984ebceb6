#pragma once
// One problem of a graph document, at its JSON path.

#include <QString>

namespace orch {

struct GraphIssue
{
    QString path; // "$.agents[2].tools[0]"
    QString message;
};

} // namespace orch
