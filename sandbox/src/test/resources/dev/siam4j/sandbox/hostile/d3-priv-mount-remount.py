# hostile: bind-mounts a host folder onto itself, remounts it read-write and writes a file there (mount syscall and mount(8))
# covers: privilege (mount --bind / remount)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: MOUNTED
# stdout-lacks: WROTE
import ctypes
import os
import subprocess

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
MS_BIND, MS_REMOUNT, MS_REC = 4096, 32, 16384
for target in ("{{HOST_WRITE_DIR}}", "{{HOST_TMP}}"):
    t = target.encode()
    if libc.mount(t, t, None, MS_BIND | MS_REC, None) == 0:
        print("MOUNTED bind", target)
    if libc.mount(None, t, None, MS_REMOUNT | MS_BIND, None) == 0:
        print("MOUNTED remount rw", target)
    try:
        with open(os.path.join(target, MARKER + "-mounted"), "w") as f:
            f.write(MARKER)
        # the host's temp folder may be this program's private /tmp: the host side checks both
        print("WROTE" if target == "{{HOST_WRITE_DIR}}" else "wrote (private?)", target)
    except OSError as e:
        print("write refused", target, e.strerror)
try:
    r = subprocess.run(["mount", "--bind", "{{HOST_WRITE_DIR}}", "{{HOST_WRITE_DIR}}"], capture_output=True, timeout=2)
    if r.returncode == 0:
        print("MOUNTED with mount(8)")
    r = subprocess.run(["mount", "-o", "remount,bind,rw", "{{HOST_WRITE_DIR}}"], capture_output=True, timeout=2)
    if r.returncode == 0:
        print("MOUNTED remount with mount(8)")
except (OSError, subprocess.SubprocessError) as e:
    print("mount(8) unavailable", type(e).__name__)
