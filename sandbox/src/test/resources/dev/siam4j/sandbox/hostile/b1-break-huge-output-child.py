# hostile: lets a child process (a fresh interpreter) flood the inherited stdout while the program waits
# covers: a program cannot break its worker (huge output from a child)
# expect: OUTPUT_LIMIT
import subprocess
import sys

MARKER = "{{MARKER}}"
subprocess.run([sys.executable, "-c", "while True: print(%r * 100)" % MARKER])
