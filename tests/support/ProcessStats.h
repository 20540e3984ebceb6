#pragma once
// Figures about this process for the benchmarks.

#include <QFile>

namespace orch::test {

// Peak resident memory (VmHWM) in MiB; -1 where /proc is not available.
inline double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

} // namespace orch::test
