# hostile: reads its mount table for anything of the host beyond the interpreter, system libraries, /etc, /dev, /proc and its private /tmp
# covers: host file system visibility (mountinfo)
# expect: OK
# stdout-lacks: VISIBLE
# stdout-has: DONE
import os
import sys

MARKER = "{{MARKER}}"
allowed = {os.path.realpath(p) for p in
           [sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))]
           + [p for p in sys.path if p.startswith("/")]}
allowed.add(os.getcwd())


def on_the_way(path):
    path = path.rstrip("/") or "/"
    for a in allowed:
        if a == path or a.startswith(path + "/") or path.startswith(a + "/"):
            return True
    return False


SYSTEM = ("/usr", "/lib", "/lib32", "/lib64", "/libx32", "/bin", "/sbin", "/etc", "/dev", "/proc", "/tmp")
with open("/proc/self/mountinfo") as f:
    for line in f:
        fields = line.split()
        point = fields[4].encode().decode("unicode_escape")
        if point == "/" or point.startswith(SYSTEM) and not point.startswith("/proc/sys/fs/binfmt"):
            continue
        if not on_the_way(point):
            print("VISIBLE mount point", point, "from", fields[3])
print("DONE")
