# hostile: imitates the sandbox's own setup failure (exit 120, "sandbox setup failed" on stderr) to be run again
# covers: forged outcomes (exit 120 -> ERROR, never SANDBOX_FAILURE)
# expect: ERROR
# exit: 120
import os

MARKER = "{{MARKER}}"
os.write(2, b"sandbox setup failed: OSError(12, 'Cannot allocate memory')\n")
os._exit(120)
