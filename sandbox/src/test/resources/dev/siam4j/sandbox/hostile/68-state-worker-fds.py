# hostile: opens the worker's descriptors, memory, environment and stack through /proc/<pid> for every process it can see
# covers: state passing (reading /proc/<zygote>/fd/*, /proc/<zygote>/mem)
# expect: OK
# stdout-lacks: OPENED
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
me = os.getpid()
for name in os.listdir("/proc"):
    if not name.isdigit() or int(name) == me:
        continue
    for what in ("mem", "environ", "stack", "syscall"):
        try:
            with open("/proc/%s/%s" % (name, what), "rb", buffering=0) as f:
                f.read(16)
            print("OPENED /proc/%s/%s" % (name, what))
        except OSError:
            pass
    try:
        fds = os.listdir("/proc/%s/fd" % name)
    except OSError:
        continue
    for fd in fds:
        path = "/proc/%s/fd/%s" % (name, fd)
        try:
            h = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            try:
                data = os.read(h, 256)
            except OSError:
                data = b""
            os.close(h)
            print("OPENED", path, "->", os.readlink(path), data[:60])
        except OSError:
            pass
print("DONE")
