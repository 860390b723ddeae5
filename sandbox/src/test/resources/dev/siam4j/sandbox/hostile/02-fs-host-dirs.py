# hostile: looks into the host's home, project, service and state folders
# covers: host file system visibility (/root, /work, /home, /run, /var, /srv, /opt, /mnt, /sys)
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
    for a in allowed:
        if a == path or a.startswith(path + "/") or path.startswith(a + "/"):
            return True
    return False


def look(path, depth):
    if on_the_way(path):
        if depth == 0 or any(path == a or path.startswith(a + "/") for a in allowed):
            return
        try:
            names = os.listdir(path)
        except OSError:
            return
        for n in names:
            look(os.path.join(path, n), depth - 1)
        return
    if not os.path.lexists(path):
        return
    try:
        names = os.listdir(path) if os.path.isdir(path) else ["(file)"]
    except PermissionError:
        print("VISIBLE", path, "(exists, not listable)")
        return
    except OSError:
        return
    if names:
        print("VISIBLE", path, sorted(names)[:8])


for top in ("/root", "/home", "/work", "/run", "/var", "/srv", "/opt", "/mnt", "/media", "/boot",
            "/sys/fs/cgroup", "/sys/class/net", "/var/run", "/var/lib", "/var/log", "/lost+found"):
    look(top, 3)
print("DONE")
