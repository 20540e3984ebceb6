#include "workspace/ContainedFile.h"

#include <QFile>
#include <QStringList>
#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace orch::contained {
namespace {

// Closes a descriptor when it goes out of scope.
class Descriptor
{
public:
    explicit Descriptor(int fd = -1) : m_fd(fd) {}
    ~Descriptor()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    Descriptor& operator=(Descriptor&& other) noexcept
    {
        std::swap(m_fd, other.m_fd);
        return *this;
    }
    int get() const { return m_fd; }

private:
    int m_fd;
};

Error refused(const QString& relative, const QString& rule, ErrorCode code = ErrorCode::Forbidden)
{
    return Error{QStringLiteral("%1: %2").arg(relative, rule), code};
}

} // namespace

Result<QByteArray> read(const QString& root, const QString& relative, qint64 maxBytes)
{
    const QStringList parts = relative.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (relative.startsWith(QLatin1Char('/')) || parts.isEmpty())
        return refused(relative, QStringLiteral("not a path inside the project"));
    for (const QString& part : parts)
        if (part == QLatin1String("..") || part == QLatin1String("."))
            return refused(relative,
                           QStringLiteral("the path may not go through \"%1\"").arg(part));
    Descriptor folder(
        ::open(QFile::encodeName(root).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (folder.get() < 0)
        return refused(relative, QStringLiteral("the project folder cannot be opened"),
                       ErrorCode::Unavailable);
    for (qsizetype i = 0; i + 1 < parts.size(); ++i) {
        Descriptor next(::openat(folder.get(), QFile::encodeName(parts[i]).constData(),
                                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (next.get() < 0)
            return errno == ENOENT
                       ? refused(relative, QStringLiteral("no such file"), ErrorCode::NotFound)
                       : refused(relative, QStringLiteral("%1 is a symbolic link or not a "
                                                          "folder; links are not followed")
                                               .arg(parts[i]));
        folder = std::move(next);
    }
    // O_NONBLOCK: a FIFO planted under the name must not hang the reader.
    Descriptor file(::openat(folder.get(), QFile::encodeName(parts.back()).constData(),
                             O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
    if (file.get() < 0)
        return errno == ENOENT
                   ? refused(relative, QStringLiteral("no such file"), ErrorCode::NotFound)
                   : refused(relative, errno == ELOOP
                                           ? QStringLiteral("a symbolic link; the orchestrator "
                                                            "reads only regular files")
                                           : QStringLiteral("cannot be opened"));
    struct stat info
    {
    };
    if (::fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode))
        return refused(relative, QStringLiteral("not a regular file"));
    if (info.st_size > maxBytes)
        return refused(relative, QStringLiteral("larger than %1 bytes").arg(maxBytes),
                       ErrorCode::Invalid);
    QByteArray content;
    content.resize(qsizetype(info.st_size));
    qsizetype done = 0;
    while (done < content.size()) {
        const ssize_t got =
            ::read(file.get(), content.data() + done, size_t(content.size() - done));
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        done += got;
    }
    content.resize(done); // a file that shrank meanwhile is read as it is now
    return content;
}

} // namespace orch::contained
