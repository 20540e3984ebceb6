#include "core/AllocatorTuning.h"

#include <climits>
#include <cstdlib>
#include <unistd.h>

namespace orch {
namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kSetting = "glibc.malloc.tcache_count=256";
// Set with the setting: the process started again knows the setting is its own to take back.
constexpr const char* kStartedTuned = "ORCH_STARTED_TUNED";

} // namespace

void tuneAllocator(char* argv[])
{
#if defined(__GLIBC__)
    if (std::getenv(kStartedTuned)) {
        // Read as this process started; the processes it starts (tools, sandboxes) run as
        // they would without it.
        unsetenv(kStartedTuned);
        unsetenv(kTunables);
        return;
    }
    if (std::getenv(kTunables))
        return;
    // By its file's own name: started as /proc/self/exe, ps and pgrep would call it "exe".
    char self[PATH_MAX];
    const ssize_t length = readlink("/proc/self/exe", self, sizeof self - 1);
    if (length <= 0)
        return;
    self[length] = '\0';
    setenv(kTunables, kSetting, 1);
    setenv(kStartedTuned, "1", 1);
    execv(self, argv); // a file replaced since reads "… (deleted)" and fails: untuned then
    // Still here: it could not start again, so it goes on as it is.
    unsetenv(kStartedTuned);
    unsetenv(kTunables);
#else
    (void)argv;
#endif
}

} // namespace orch
