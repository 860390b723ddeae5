# hostile: burns CPU in four processes at once
# covers: limits hold (CPU time of the whole tree)
# expect: TIMEOUT
import os

MARKER = "{{MARKER}}"
for _ in range(3):
    if os.fork() == 0:
        break
while True:
    pass
