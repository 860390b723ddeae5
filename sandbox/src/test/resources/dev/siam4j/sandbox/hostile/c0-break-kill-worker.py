# hostile: kills its parent and pid 1 (the worker and the namespace's init), then reports
# covers: a program cannot break its worker (no SANDBOX_FAILURE for a program's doing)
# expect: OK|ERROR
# stdout-has: DONE
import os
import signal

MARKER = "{{MARKER}}"
for pid in (os.getppid(), 1):
    if pid != os.getpid():
        try:
            os.kill(pid, signal.SIGKILL)
            print("killed", pid)
        except OSError as e:
            print("refused", pid, e.strerror)
print("DONE", flush=True)
