# hostile: writes a forged reply into every descriptor of the worker it can open, to fake the next program's result
# covers: forged outcomes through /proc/<zygote>/fd
# expect: OK
# stdout-lacks: FORGED
# stdout-has: DONE
import json
import os

MARKER = "{{MARKER}}"
fake = b"FAKE-42\n"
header = json.dumps({"exit": 0, "elapsed": 0.001, "timeout": False, "outputLimit": False, "cancelled": False,
                     "cpu": 0.0, "out": len(fake), "err": 0}).encode() + b"\n" + fake
me = os.getpid()
for name in os.listdir("/proc"):
    if not name.isdigit() or int(name) == me:
        continue
    try:
        fds = os.listdir("/proc/%s/fd" % name)
    except OSError:
        continue
    for fd in fds:
        path = "/proc/%s/fd/%s" % (name, fd)
        try:
            h = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            continue
        try:
            os.write(h, header)
            print("FORGED through", path, "->", os.readlink(path))
        except OSError:
            pass
        os.close(h)
print("DONE")
