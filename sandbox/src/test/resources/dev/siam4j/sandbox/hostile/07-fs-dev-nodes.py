# hostile: opens the host's device nodes (memory, kernel log, disks, tun, fuse, terminals) beyond /dev/null, /dev/zero and /dev/urandom
# covers: host file system visibility (/dev)
# expect: OK
# stdout-lacks: VISIBLE
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
harmless = {"null", "zero", "urandom", "random", "full", "shm", "pts", "ptmx", "stdin", "stdout", "stderr", "fd",
            "core", "mqueue", "tty"}
try:
    for name in sorted(os.listdir("/dev")):
        if name not in harmless:
            print("VISIBLE /dev/" + name)
except OSError as e:
    print("no /dev listing", e.strerror)
for path in ("/dev/mem", "/dev/kmem", "/dev/port", "/dev/kmsg", "/dev/sda", "/dev/vda", "/dev/nvme0n1",
             "/dev/net/tun", "/dev/fuse", "/dev/console", "/dev/tty0", "/dev/kvm", "/dev/dri/card0"):
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        os.close(fd)
        print("VISIBLE opened", path)
    except OSError:
        pass
print("DONE")
