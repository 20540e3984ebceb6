#pragma once
// A Python package index of the test's own (PEP 503 "simple" layout) on loopback: wheels built
// here from tiny packages with Debian's pip, served by `python3 -m http.server`. The public
// index cannot be reached from these machines, and a test must not depend on it anyway.

#include <QProcess>
#include <QString>
#include <QTemporaryDir>

namespace orch::test {

class PackageIndex
{
public:
    PackageIndex() = default;
    ~PackageIndex();
    PackageIndex(const PackageIndex&) = delete;
    PackageIndex& operator=(const PackageIndex&) = delete;

    // Builds a wheel of package `name` at `version` whose module `name` holds `code`. Empty
    // when it worked; otherwise what went wrong.
    QString addPackage(const QString& name, const QString& version, const QByteArray& code);
    // A project page for `name` whose only file is at `url`, elsewhere (an index that sends pip
    // to another host). Empty when it worked.
    QString addExternalLink(const QString& name, const QString& url);
    // Starts serving; empty when it answers.
    QString start();
    QString url() const; // http://127.0.0.1:PORT/simple

private:
    QTemporaryDir m_dir;
    QProcess m_server;
    int m_port = 0;
};

} // namespace orch::test
