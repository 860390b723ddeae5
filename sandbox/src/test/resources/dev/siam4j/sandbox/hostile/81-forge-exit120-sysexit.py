# hostile: the same forged setup failure through sys.exit after printing to sys.stderr
# covers: forged outcomes (exit 120 -> ERROR)
# expect: ERROR
# exit: 120
import sys

MARKER = "{{MARKER}}"
sys.stderr.write("sandbox setup failed: PermissionError(1, 'Operation not permitted')\n")
sys.exit(120)
