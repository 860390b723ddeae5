# hostile: prints its answer, then closes stdout and exits 0
# covers: forged outcomes (a closed stdout is reported)
# expect: ERROR
# diag-has: stdout|standard output
import os
import sys

MARKER = "{{MARKER}}"
print(42)
sys.stdout.flush()
os.close(1)
