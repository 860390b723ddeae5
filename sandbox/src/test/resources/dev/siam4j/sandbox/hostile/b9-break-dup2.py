# hostile: shuffles its standard descriptors with dup2: stdin from stdout, stdout onto stderr
# covers: a program cannot break its worker (dup2-ing fds)
# expect: OK
import os
import sys

MARKER = "{{MARKER}}"
os.dup2(1, 0)
os.dup2(2, 1)
print("to stderr now")
sys.stdout.flush()
