# hostile: the classic chroot escape and a pivot_root attempt
# covers: privilege (chroot)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: ESCAPED
import ctypes
import os

MARKER = "{{MARKER}}"
os.makedirs("jail", exist_ok=True)
try:
    os.chroot("jail")
    for _ in range(64):
        os.chdir("..")
    os.chroot(".")
    print("ESCAPED chroot", os.listdir("/")[:8])
except OSError as e:
    print("chroot refused", e.strerror)
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
if libc.syscall(ctypes.c_long(155), b".", b"jail") == 0:  # pivot_root
    print("ESCAPED pivot_root")
