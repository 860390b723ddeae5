# hostile: mounts a fresh tmpfs, a fresh proc and a sysfs to see past its namespace
# covers: privilege (mount)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: MOUNTED
import ctypes
import os

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
os.makedirs("mnt", exist_ok=True)
for fstype in (b"tmpfs", b"proc", b"sysfs", b"cgroup2", b"devpts"):
    if libc.mount(fstype, b"mnt", fstype, 0, None) == 0:
        print("MOUNTED", fstype, os.listdir("mnt")[:5])
        libc.umount2(b"mnt", 2)
    else:
        print("refused", fstype, ctypes.get_errno())
