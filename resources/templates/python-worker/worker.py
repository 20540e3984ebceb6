"""A background worker: runs jobs.work() every INTERVAL_S seconds until stopped."""
# Project: {{project_name|line}}
import os
import signal
import sys
import time

import jobs

VERSION = os.environ.get("APP_VERSION", "dev")
INTERVAL_S = float(os.environ.get("INTERVAL_S", "60"))
running = True


def stop(_signum, _frame):
    global running
    running = False


def main():
    signal.signal(signal.SIGTERM, stop)
    print("worker %s started, every %.0f s" % (VERSION, INTERVAL_S), flush=True)
    while running:
        try:
            jobs.work()
        except Exception as error:  # one failed round must not stop the worker
            print("round failed: %r" % (error,), file=sys.stderr, flush=True)
        deadline = time.monotonic() + INTERVAL_S
        while running and time.monotonic() < deadline:
            time.sleep(min(1.0, deadline - time.monotonic()))


if __name__ == "__main__":
    main()
