# hostile: leaves a child that escapes the process group, ignores SIGTERM and keeps creating files in the working folder
# covers: a program cannot break its worker (processes still writing during cleanup)
# expect: OK
# stdout-has: started
import os
import signal
import time

MARKER = "{{MARKER}}"
here = os.getcwd()
if os.fork() == 0:
    os.setsid()
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    n = 0
    while True:
        try:
            os.makedirs(os.path.join(here, "w%d" % (n % 7), "x%d" % n), exist_ok=True)
            with open(os.path.join(here, "%s-%d" % (MARKER, n)), "w") as f:
                f.write(MARKER)
        except OSError:
            pass
        n += 1
time.sleep(0.2)
print("started")
