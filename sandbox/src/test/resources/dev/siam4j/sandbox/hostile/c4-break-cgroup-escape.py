# hostile: moves itself into any cgroup it can write to (the host's root or a parent of its own) and looks for limits it could raise, then allocates twice its memory limit
# covers: limits hold for everything a program creates (cgroup escape)
# expect: MEMORY_LIMIT|ERROR
# stdout-lacks: ESCAPED
import os

MARKER = "{{MARKER}}"
me = str(os.getpid()).encode()
moved = []
for top in ("/sys/fs/cgroup", "/sys/fs/cgroup/memory", "/sys/fs/cgroup/pids", "/sys/fs/cgroup/unified"):
    for root, dirs, files in os.walk(top):
        if root.count("/") > 6:
            dirs[:] = []
        for name in ("cgroup.procs", "tasks"):
            if name in files:
                try:
                    with open(os.path.join(root, name), "wb", buffering=0) as f:
                        f.write(me)
                    moved.append(root)
                except OSError:
                    pass
        for name in ("memory.max", "memory.limit_in_bytes", "memory.memsw.limit_in_bytes", "pids.max"):
            if name in files:
                try:
                    os.close(os.open(os.path.join(root, name), os.O_WRONLY))  # opened only
                    print("ESCAPED could raise", os.path.join(root, name), flush=True)
                except OSError:
                    pass
if moved:
    print("ESCAPED into", moved[:3], flush=True)
held = b"\x5a" * (1 << 30)
print("allocated", len(held))
