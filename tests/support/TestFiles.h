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

// Lets other users pass through `dir` (a QTemporaryDir is private): deployed services run as
// their own users, who must reach their release under it.
inline bool letOthersThrough(const QString& dir)
{
    return QFile::setPermissions(dir, QFile::permissions(dir) | QFileDevice::ReadOther |
                                          QFileDevice::ExeOther | QFileDevice::ReadGroup |
                                          QFileDevice::ExeGroup);
}

} // namespace orch::test
