# hostile: lets an alarm it set itself end it, as a timer would
# covers: forged outcomes (own alarm -> KILLED, not TIMEOUT)
# expect: KILLED
import signal
import time

MARKER = "{{MARKER}}"
signal.signal(signal.SIGALRM, signal.SIG_DFL)
signal.setitimer(signal.ITIMER_REAL, 0.05)
time.sleep(2)
