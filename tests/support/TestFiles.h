#pragma once
// Reading files in tests without ceremony.

#include <QFile>

namespace orch::test {

// The file's bytes; empty when it cannot be read.
inline QByteArray readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

} // namespace orch::test
