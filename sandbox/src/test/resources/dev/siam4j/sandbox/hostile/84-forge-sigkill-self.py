# hostile: kills itself with SIGKILL, the signal the sandbox uses at its deadline
# covers: forged outcomes (SIGKILL self -> KILLED)
# expect: KILLED
import os
import signal

MARKER = "{{MARKER}}"
print(42, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
