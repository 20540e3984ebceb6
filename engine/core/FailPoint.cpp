#include "core/FailPoint.h"

#include "core/Log.h"

#include <QStringList>
#include <csignal>
#include <cstdlib>

namespace orch {

void failPoint(const QString& name)
{
    static const QStringList armed = QString::fromLocal8Bit(std::getenv("ORCH_FAILPOINT"))
                                         .split(QLatin1Char(','), Qt::SkipEmptyParts);
    if (armed.isEmpty() || !armed.contains(name))
        return;
    log::get("core")->warn("fail point {} reached: killing the process", name.toStdString());
    log::get("core")->flush();
    std::raise(SIGKILL);
}

} // namespace orch
