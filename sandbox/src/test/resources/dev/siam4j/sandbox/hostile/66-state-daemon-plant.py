# hostile: starts daemons that escape its session and process group, ignore SIGTERM and outlive the program, writing files with its marker
# covers: state passing (a background process that outlives its program)
# expect: OK
# stdout-has: planted
import os
import signal
import sys
import time

MARKER = "{{MARKER}}"
LOOP = ("import signal, time\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\nsignal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
        "while True:\n    try:\n        open('/tmp/%s-daemon', 'w').write('%s')\n    except OSError:\n        pass\n"
        "    time.sleep(0.05)\n") % (MARKER, MARKER)
for attempt in range(2):
    if os.fork() == 0:
        try:
            os.setsid()
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            if os.fork() == 0:
                if attempt == 0:  # a fresh interpreter whose command line carries the marker
                    os.execv(sys.executable, [sys.executable, "-c", LOOP, MARKER])
                while True:  # a fork of this interpreter
                    try:
                        with open("/tmp/%s-pydaemon" % MARKER, "w") as f:
                            f.write(MARKER)
                    except OSError:
                        pass
                    time.sleep(0.05)
        finally:
            os._exit(0)
time.sleep(0.3)
print("planted")
