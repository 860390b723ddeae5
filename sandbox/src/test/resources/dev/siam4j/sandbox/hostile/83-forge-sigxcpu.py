# hostile: sends itself SIGXCPU at once to pass for a CPU-limit timeout
# covers: forged outcomes (self SIGXCPU -> KILLED, not TIMEOUT)
# expect: KILLED
import os
import signal

MARKER = "{{MARKER}}"
os.kill(os.getpid(), signal.SIGXCPU)
