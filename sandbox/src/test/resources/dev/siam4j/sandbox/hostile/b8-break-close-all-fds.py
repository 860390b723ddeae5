# hostile: closes every descriptor it has, then prints and exits 0
# covers: a program cannot break its worker (closing fds)
# expect: ERROR
# diag-has: stdout|standard output
import os

MARKER = "{{MARKER}}"
os.closerange(0, 65536)
print(42)
