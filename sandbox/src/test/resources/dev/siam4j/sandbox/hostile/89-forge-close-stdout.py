# hostile: closes its stdout before printing, so that its output is lost while it exits 0
# covers: forged outcomes (os.close(1) -> ERROR with a note)
# expect: ERROR
# diag-has: stdout|standard output
import os

MARKER = "{{MARKER}}"
os.close(1)
print(42)
