#pragma once

#include <QStringList>

namespace orch {

// What resuming the unfinished runs did.
struct ResumeReport
{
    QStringList resumed;
    QStringList problems; // one line per run that could not be resumed, with the reason
};

} // namespace orch
