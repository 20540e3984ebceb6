#include "store/WriteSpool.h"

#include "core/Log.h"

#include <QDir>
#include <QFile>
#include <QUuid>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orch {
namespace {

QString systemError()
{
    return QString::fromLocal8Bit(std::strerror(errno));
}

bool writeAll(int fd, const QByteArray& bytes)
{
    qsizetype done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::write(fd, bytes.constData() + done, size_t(bytes.size() - done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        done += n;
    }
    return true;
}

QByteArray readAll(int fd)
{
    QByteArray bytes;
    char buffer[65536];
    ::lseek(fd, 0, SEEK_SET);
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return bytes;
        bytes.append(buffer, n);
    }
}

} // namespace

WriteSpool::WriteSpool(QString folder, qint64 limitBytes)
    : m_folder(std::move(folder)), m_limitBytes(limitBytes),
      m_prefix(QUuid::createUuid().toString(QUuid::Id128).left(16))
{
}

WriteSpool::~WriteSpool()
{
    if (m_ownFd < 0)
        return;
    if (m_entries == 0) // nothing left for anyone: the file goes
        ::unlink(QFile::encodeName(m_ownPath).constData());
    ::close(m_ownFd);
}

Result<void> WriteSpool::openOwn()
{
    if (m_ownFd >= 0)
        return {};
    if (!QDir().mkpath(m_folder))
        return Error{QStringLiteral("cannot create the spool folder %1").arg(m_folder)};
    ::chmod(QFile::encodeName(m_folder).constData(), 0700); // model replies' usage, run state
    m_ownPath = QDir(m_folder).filePath(QStringLiteral("spool-%1.jsonl").arg(m_prefix));
    const int fd = ::open(QFile::encodeName(m_ownPath).constData(),
                          O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0600);
    if (fd < 0)
        return Error{QStringLiteral("cannot create %1: %2").arg(m_ownPath, systemError())};
    // Held while this process lives: a replayer of another process waits for nothing and
    // takes only files whose owner is gone.
    if (::flock(fd, LOCK_EX) != 0) {
        ::close(fd);
        return Error{QStringLiteral("cannot lock %1: %2").arg(m_ownPath, systemError())};
    }
    m_ownFd = fd;
    return {};
}

Result<void> WriteSpool::append(const QString& kind, const Json& body)
{
    if (auto opened = openOwn(); !opened)
        return opened;
    const QString id = QStringLiteral("%1-%2").arg(m_prefix).arg(++m_sequence);
    const QByteArray line = QByteArray::fromStdString(
                                Json{{"id", toStd(id)}, {"kind", toStd(kind)}, {"body", body}}.dump(
                                    -1, ' ', false, Json::error_handler_t::replace)) +
                            '\n';
    if (m_ownBytes + line.size() > m_limitBytes)
        return Error{QStringLiteral("the spool %1 is full (%2 MB): nothing more is kept until "
                                    "the database is back")
                         .arg(m_ownPath)
                         .arg(m_limitBytes / (1024 * 1024))};
    if (!writeAll(m_ownFd, line) || ::fdatasync(m_ownFd) != 0)
        return Error{QStringLiteral("cannot write the spool %1: %2").arg(m_ownPath, systemError())};
    m_ownBytes += line.size();
    ++m_entries;
    return {};
}

Result<int> WriteSpool::replayFile(int fd, const QString& path,
                                   const std::function<Result<void>(const Entry&)>& apply)
{
    int done = 0;
    const QByteArray content = readAll(fd);
    for (const QByteArray& line : content.split('\n')) {
        if (line.trimmed().isEmpty())
            continue;
        // A line without its end was cut by a kill before append() returned: never kept.
        const Json json = Json::parse(line.toStdString(), nullptr, false);
        if (!json.is_object() || !json.contains("id") || !json["id"].is_string() ||
            !json.contains("kind") || !json["kind"].is_string()) {
            log::get("store")->warn("{}: an unreadable spool entry is skipped", path);
            continue;
        }
        const Entry entry{toQ(json["id"].get<std::string>()), toQ(json["kind"].get<std::string>()),
                          json.value("body", Json::object())};
        auto applied = apply(entry);
        if (!applied && applied.code() == ErrorCode::Unavailable)
            return applied.failure(); // the rest (and this one) stay for the next replay
        if (!applied)
            log::get("store")->error("{}: spool entry {} ({}) dropped: {}", path, entry.id,
                                     entry.kind, applied.error());
        ++done;
    }
    return done;
}

Result<int> WriteSpool::replay(const std::function<Result<void>(const Entry&)>& apply)
{
    int done = 0;
    const QStringList files = QDir(m_folder).entryList({QStringLiteral("spool-*.jsonl")},
                                                       QDir::Files, QDir::Time | QDir::Reversed);
    for (const QString& name : files) {
        const QString path = QDir(m_folder).filePath(name);
        if (path == m_ownPath)
            continue;
        const int fd = ::open(QFile::encodeName(path).constData(), O_RDWR | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) { // its process lives, or another replays it
            ::close(fd);
            continue;
        }
        auto replayed = replayFile(fd, path, apply);
        if (replayed) {
            ::unlink(QFile::encodeName(path).constData());
            done += replayed.value();
            log::get("store")->warn("{}: {} spooled write(s) of a process that stopped applied",
                                    path, replayed.value());
        }
        ::close(fd);
        if (!replayed)
            return replayed;
    }
    if (m_ownFd >= 0 && m_entries > 0) {
        auto replayed = replayFile(m_ownFd, m_ownPath, apply);
        if (!replayed)
            return replayed;
        done += replayed.value();
        if (::ftruncate(m_ownFd, 0) != 0 || ::fdatasync(m_ownFd) != 0)
            return Error{
                QStringLiteral("cannot empty the spool %1: %2").arg(m_ownPath, systemError())};
        m_ownBytes = 0;
        m_entries = 0;
    }
    return done;
}

} // namespace orch
