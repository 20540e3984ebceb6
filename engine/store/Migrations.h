#pragma once
// Numbered schema migrations. Append only: a released migration never changes.

#include <QStringList>
#include <vector>

namespace orch {

struct Migration
{
    int version;
    QStringList statements;
};

const std::vector<Migration>& migrations();

} // namespace orch
