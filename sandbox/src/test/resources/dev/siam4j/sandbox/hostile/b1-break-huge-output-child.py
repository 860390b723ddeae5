# hostile: lets a child process flood the inherited stdout while the program waits
# covers: a program cannot break its worker (huge output from a child)
# expect: OUTPUT_LIMIT
import subprocess

MARKER = "{{MARKER}}"
subprocess.run(["yes", MARKER])
