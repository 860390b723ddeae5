# hostile: exits 137 (what a shell reports for SIGKILL) after a timeout-like pause
# covers: forged outcomes (exit codes are not signals)
# expect: ERROR
# exit: 137
import os
import time

MARKER = "{{MARKER}}"
time.sleep(0.2)
os.write(2, b"Killed\n")
os._exit(137)
