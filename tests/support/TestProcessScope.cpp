// Every test process puts itself, before main(), into a pids cgroup of its own
// (/sys/fs/cgroup/pids/orch-tests/<name>-<pid>), which every process it starts inherits, even
// the ones that daemonize away from it (deployed services, Caddy, PostgreSQL, sshd sessions).
// When the test ends (returns, exits, aborts, or is told to stop) whatever is left in the group
// is killed. A test killed outright (ctest's timeout) leaves its group to the ctest step that
// runs after all tests (scripts/lib/end_test_processes.py).
//
// Only root may make cgroups here; elsewhere the test runs as it did, without the net.
// No Qt: this runs before QCoreApplication and from signal handlers.

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <initializer_list>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

namespace {

constexpr const char* kHierarchy = "/sys/fs/cgroup/pids";
char g_group[256] = {0}; // empty: no group (not root, no cgroup v1 pids hierarchy)

bool writeText(const char* path, const char* text)
{
    const int fd = ::open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const ssize_t length = ssize_t(std::strlen(text));
    const bool ok = ::write(fd, text, size_t(length)) == length;
    ::close(fd);
    return ok;
}

// Kills every process in the group but this one; true when none is left. Signal-safe.
bool killOthers()
{
    char path[300];
    std::snprintf(path, sizeof path, "%s/cgroup.procs", g_group);
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    char buffer[8192];
    const ssize_t size = ::read(fd, buffer, sizeof buffer - 1);
    ::close(fd);
    if (size <= 0)
        return true;
    buffer[size] = '\0';
    bool none = true;
    const pid_t self = ::getpid();
    for (char* line = buffer; *line;) {
        char* end = line;
        const long pid = std::strtol(line, &end, 10);
        if (pid > 0 && pid != self) {
            ::kill(pid_t(pid), SIGKILL);
            none = false;
        }
        line = *end ? end + 1 : end;
    }
    return none;
}

void endGroup()
{
    if (!g_group[0])
        return;
    const timespec pause{0, 20 * 1000 * 1000};
    for (int round = 0; round < 100 && !killOthers(); ++round)
        ::nanosleep(&pause, nullptr); // forks in flight join the group, then die too
    char procs[300];
    std::snprintf(procs, sizeof procs, "%s/cgroup.procs", kHierarchy);
    char self[32];
    std::snprintf(self, sizeof self, "%d", int(::getpid()));
    if (writeText(procs, self)) // back to the root group, so this one can go
        ::rmdir(g_group);
    g_group[0] = '\0';
}

void endGroupOnSignal(int signal)
{
    endGroup();
    std::signal(signal, SIG_DFL);
    ::raise(signal);
}

struct TestProcessScope
{
    TestProcessScope()
    {
        if (::geteuid() != 0)
            return;
        char parent[200];
        std::snprintf(parent, sizeof parent, "%s/orch-tests", kHierarchy);
        if (::mkdir(parent, 0755) != 0 && errno != EEXIST)
            return;
        char name[64] = "test";
        if (const int fd = ::open("/proc/self/comm", O_RDONLY | O_CLOEXEC); fd >= 0) {
            const ssize_t size = ::read(fd, name, sizeof name - 1);
            name[size > 0 ? size - 1 : 0] = '\0'; // without the line end
            ::close(fd);
        }
        std::snprintf(g_group, sizeof g_group, "%s/%s-%d", parent, name, int(::getpid()));
        char procs[300];
        std::snprintf(procs, sizeof procs, "%s/cgroup.procs", g_group);
        if (::mkdir(g_group, 0755) != 0 || !writeText(procs, "0")) {
            ::rmdir(g_group);
            g_group[0] = '\0';
            return;
        }
        std::atexit(endGroup);
        for (int signal : {SIGTERM, SIGINT, SIGHUP, SIGABRT, SIGSEGV, SIGBUS})
            std::signal(signal, endGroupOnSignal);
    }
    ~TestProcessScope() { endGroup(); }
};

const TestProcessScope g_scope;

} // namespace
