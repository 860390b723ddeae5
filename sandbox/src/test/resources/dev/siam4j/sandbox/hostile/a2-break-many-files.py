# hostile: creates as many small files as it can in 2 seconds (up to 200,000), spread over a few folders
# covers: a program cannot break its worker (a million files, bounded)
# expect: OK
import os
import time

MARKER = "{{MARKER}}"
end = time.monotonic() + 2.0
n = 0
try:
    while n < 200000 and time.monotonic() < end:
        d = "f%d" % (n // 50000)
        if n % 50000 == 0:
            os.mkdir(d)
        for _ in range(500):
            os.close(os.open("%s/%d" % (d, n), os.O_CREAT | os.O_WRONLY, 0o644))
            n += 1
except OSError as e:
    print("stopped by", e.strerror)
print(n)
