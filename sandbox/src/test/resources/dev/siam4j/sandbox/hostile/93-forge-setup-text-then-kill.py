# hostile: prints the setup-failure text and kills itself with SIGKILL
# covers: forged outcomes (no SANDBOX_FAILURE for a program's own death)
# expect: KILLED
import os
import signal

MARKER = "{{MARKER}}"
os.write(2, b"sandbox setup failed: worker crashed\n")
os.kill(os.getpid(), signal.SIGKILL)
