# hostile: forks sleeping children until the kernel refuses, escaping the process group in each, and reports how many it got
# covers: a program cannot break its worker (process limit)
# expect: OK
# answer-max: 16
import os
import time

MARKER = "{{MARKER}}"
n = 0
try:
    while n < 10000:
        if os.fork() == 0:
            os.setsid()
            time.sleep(30)
            os._exit(0)
        n += 1
except OSError:
    pass
print(n)
