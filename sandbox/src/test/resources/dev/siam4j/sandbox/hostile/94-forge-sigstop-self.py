# hostile: stops itself with SIGSTOP after printing the right answer, so that only the deadline can end it
# covers: forged outcomes (a stopped program is not OK)
# expect: TIMEOUT|KILLED
import os
import signal

MARKER = "{{MARKER}}"
print(42, flush=True)
os.kill(os.getpid(), signal.SIGSTOP)
