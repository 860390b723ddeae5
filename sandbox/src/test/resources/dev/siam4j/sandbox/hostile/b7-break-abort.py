# hostile: aborts the interpreter
# covers: a program cannot break its worker (abort)
# expect: KILLED
import os

MARKER = "{{MARKER}}"
os.abort()
