# hostile: starts sleeping threads until the kernel refuses and reports how many it got
# covers: a program cannot break its worker (thread bomb)
# expect: OK
# answer-max: 16
import threading
import time

MARKER = "{{MARKER}}"
n = 0
try:
    while n < 10000:
        t = threading.Thread(target=time.sleep, args=(30,), daemon=True)
        t.start()
        n += 1
except RuntimeError:
    pass
print(n)
