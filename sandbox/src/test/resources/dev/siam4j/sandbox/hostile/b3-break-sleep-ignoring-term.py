# hostile: ignores SIGTERM and every catchable signal, then sleeps
# covers: a program cannot break its worker (ignores the polite stop)
# expect: TIMEOUT
import signal
import time

MARKER = "{{MARKER}}"
for s in signal.valid_signals():
    try:
        signal.signal(s, signal.SIG_IGN)
    except (OSError, ValueError, RuntimeError):
        pass
time.sleep(600)
