# hostile: exits with the worker's fork-fallback code 121 and a setup-failure text
# covers: forged outcomes (the sandbox's private exit codes)
# expect: ERROR
# exit: 121
import os

MARKER = "{{MARKER}}"
os.write(2, b"sandbox setup failed\n")
os._exit(121)
