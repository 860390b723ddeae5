# hostile: a grandchild in its own session keeps stdout open and sleeps after the program exits
# covers: a program cannot break its worker (a descendant holding the output pipe)
# expect: OK
# answer: 42
import os
import time

MARKER = "{{MARKER}}"
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        time.sleep(60)
    os._exit(0)
print(42)
