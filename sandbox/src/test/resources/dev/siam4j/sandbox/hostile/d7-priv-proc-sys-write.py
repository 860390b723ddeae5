# hostile: opens the kernel's knobs for writing (core_pattern, which runs a helper as root on a crash; sysrq; modprobe), writing nothing
# covers: privilege (/proc/sys and /sys writable)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: WRITABLE
import os

MARKER = "{{MARKER}}"
for path in ("/proc/sys/kernel/core_pattern", "/proc/sys/kernel/modprobe", "/proc/sysrq-trigger",
             "/proc/sys/vm/drop_caches", "/sys/kernel/uevent_helper", "/proc/sys/kernel/hostname"):
    try:
        fd = os.open(path, os.O_WRONLY)
        os.close(fd)  # opened only: nothing is written
        print("WRITABLE", path, flush=True)
    except OSError as e:
        print("refused", path, e.strerror, flush=True)
