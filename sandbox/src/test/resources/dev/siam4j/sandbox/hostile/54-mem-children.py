# hostile: three children each hold 240 MiB, every one under the per-process limit, 720 MiB together
# covers: memory limits dodged (children)
# expect: MEMORY_LIMIT|ERROR
import os
import time

MARKER = "{{MARKER}}"
r, w = os.pipe()
kids = []
for i in range(3):
    pid = os.fork()
    if pid == 0:
        try:
            held = b"\x5a" * (240 << 20)
            os.write(w, b"+")
            time.sleep(0.5)
            os._exit(0 if held else 1)
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
    print("DODGED the memory limit with 3 x 240 MiB in children")
else:
    raise SystemExit("a child failed: %r %r" % (got, statuses))
