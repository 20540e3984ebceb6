#pragma once
// Writes the store could not take yet (its database away), kept on this machine's disk until
// it can: each an entry of a JSON-lines file, fsynced before append() returns, so a process
// killed during an outage loses none of them. Each process appends to a file of its own,
// locked (flock) for as long as it lives; a file whose lock is free belongs to a process that
// died, and whichever process of this host replays first takes it. Entries are replayed in
// order; each carries an id the store records with its write, so one replayed twice (a kill
// between its write and the file's truncation) is applied once.

#include "core/Json.h"
#include "core/Result.h"

#include <QString>
#include <functional>
#include <vector>

namespace orch {

class WriteSpool
{
public:
    struct Entry
    {
        QString id;
        QString kind; // "ledger", "step", "value"
        Json body;
    };
    static constexpr qint64 kDefaultLimitBytes = 64ll * 1024 * 1024;

    explicit WriteSpool(QString folder, qint64 limitBytes = kDefaultLimitBytes);
    ~WriteSpool();
    WriteSpool(const WriteSpool&) = delete;
    WriteSpool& operator=(const WriteSpool&) = delete;

    const QString& folder() const { return m_folder; }
    // Appends and fsyncs; fails when the file would pass its limit or cannot be written.
    Result<void> append(const QString& kind, const Json& body);
    // Applies this process's entries and those of dead processes, in order. `apply` returns
    // Unavailable to stop (the store went again: the entries stay); any other failure drops
    // that entry (logged). Returns how many entries were applied or dropped.
    Result<int> replay(const std::function<Result<void>(const Entry&)>& apply);
    bool holdsEntries() const { return m_entries > 0; }

private:
    Result<void> openOwn();
    Result<int> replayFile(int fd, const QString& path,
                           const std::function<Result<void>(const Entry&)>& apply);

    QString m_folder;
    qint64 m_limitBytes;
    QString m_ownPath;
    int m_ownFd = -1;
    qint64 m_ownBytes = 0;
    qint64 m_entries = 0; // in this process's file
    qint64 m_sequence = 0;
    QString m_prefix; // of entry ids: this process's, unique
};

} // namespace orch
