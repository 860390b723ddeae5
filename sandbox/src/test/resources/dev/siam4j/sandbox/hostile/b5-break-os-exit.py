# hostile: leaves through os._exit with buffered output unflushed
# covers: a program cannot break its worker (os._exit)
# expect: ERROR
# exit: 3
import os

MARKER = "{{MARKER}}"
print("never flushed")
os._exit(3)
