# hostile: three children each map 240 MiB MAP_SHARED|MAP_ANONYMOUS, touch it and hold it
# covers: memory limits dodged (shared anonymous mappings)
# expect: MEMORY_LIMIT|ERROR
import mmap
import os
import time

MARKER = "{{MARKER}}"
r, w = os.pipe()
kids = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        try:
            m = mmap.mmap(-1, 240 << 20, flags=mmap.MAP_SHARED | mmap.MAP_ANONYMOUS)
            step = b"\x5a" * (1 << 20)
            for off in range(0, 240 << 20, 1 << 20):
                m[off:off + (1 << 20)] = step
            os.write(w, b"+")
            time.sleep(0.5)
            os._exit(0)
        except BaseException:
            os._exit(3)
    kids.append(pid)
os.close(w)
got = b""
while True:
    part = os.read(r, 16)
    if not part:
        break
    got += part
statuses = [os.waitpid(p, 0)[1] for p in kids]
if len(got) == 3 and all(s == 0 for s in statuses):
    print("DODGED the memory limit with 3 x 240 MiB of shared mappings")
else:
    raise SystemExit("a child failed: %r %r" % (got, statuses))
