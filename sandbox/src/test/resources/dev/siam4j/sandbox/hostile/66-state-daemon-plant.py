# hostile: starts daemons that escape its session and process group, ignore SIGTERM and outlive the program
# covers: state passing (a background process that outlives its program)
# expect: OK
# stdout-has: planted
import os
import signal
import time

MARKER = "{{MARKER}}"
for attempt in range(2):
    if os.fork() == 0:
        os.setsid()
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGHUP, signal.SIG_IGN)
        if os.fork() == 0:
            if attempt == 0:
                os.execv("/bin/sh", ["/bin/sh", "-c",
                                     "trap '' TERM HUP; while :; do echo " + MARKER + " > /tmp/" + MARKER
                                     + "-daemon 2>/dev/null; sleep 0.05; done"])
            else:
                while True:
                    try:
                        with open("/tmp/%s-pydaemon" % MARKER, "w") as f:
                            f.write(MARKER)
                    except OSError:
                        pass
                    time.sleep(0.05)
        os._exit(0)
time.sleep(0.3)
print("planted")
