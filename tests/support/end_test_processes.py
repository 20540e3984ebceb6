"""The ctest step after all tests (FIXTURES_CLEANUP): ends what a test left running when it
could not end it itself (killed at its timeout). Every test process has a pids cgroup of its
own under /sys/fs/cgroup/pids/orch-tests (TestProcessScope.cpp); whatever is still in one of
them (or in a group nested in one) is killed, and the groups removed. Prints what it ended; exits 0 either way, since the
tests that left something have failed already.

    end_test_processes.py [PREFIX]    only the groups whose name starts with PREFIX"""
import os
import signal
import sys
import time

ROOT = "/sys/fs/cgroup/pids/orch-tests"


def members(group):
    try:
        with open(os.path.join(group, "cgroup.procs"), encoding="ascii") as procs:
            return [int(line) for line in procs if line.strip()]
    except OSError:
        return []


def command_of(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as cmdline:
            return cmdline.read().replace(b"\0", b" ").decode("utf-8", "replace")[:120]
    except OSError:
        return "?"


if not os.path.isdir(ROOT):
    print("no test process groups here (not root, or no cgroup v1 pids hierarchy)")
    sys.exit(0)
prefix = sys.argv[1] if len(sys.argv) > 1 else ""
ended = 0
for name in sorted(os.listdir(ROOT)):
    top = os.path.join(ROOT, name)
    if not os.path.isdir(top) or not name.startswith(prefix):
        continue
    # The sandbox nests a group per command (orch-PID/cN) inside a test's: deepest first.
    for group, _, _ in sorted(os.walk(top), key=lambda walked: -walked[0].count("/")):
        for _ in range(100):
            left = members(group)
            if not left:
                break
            for pid in left:
                if ended < 50:
                    print("%s: ending %d %s" % (os.path.relpath(group, ROOT), pid,
                                                command_of(pid)))
                ended += 1
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            time.sleep(0.05)
        try:
            os.rmdir(group)
        except OSError as error:
            print("%s: cannot remove the group: %s" % (os.path.relpath(group, ROOT), error))
print("ended %d process(es) left by tests" % ended)
