# hostile: sends itself SIGTERM, the signal the sandbox sends first at its wall deadline
# covers: forged outcomes (self SIGTERM -> KILLED, not TIMEOUT)
# expect: KILLED
import os
import signal

MARKER = "{{MARKER}}"
os.kill(os.getpid(), signal.SIGTERM)
