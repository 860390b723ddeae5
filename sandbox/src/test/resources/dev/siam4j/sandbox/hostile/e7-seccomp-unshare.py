# hostile: calls unshare and setns (new user, mount and network namespaces; join pid 1's) directly with ctypes syscall(); it must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: unshare, setns)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: ALLOWED
import ctypes
import errno
import os

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
REFUSED = {errno.EPERM, errno.ENOSYS, errno.EACCES}


def call(name, nr, *args):
    ctypes.set_errno(0)
    r = libc.syscall(ctypes.c_long(nr), *[ctypes.c_long(a) if isinstance(a, int) else a for a in args])
    e = ctypes.get_errno()
    if r >= 0 or e not in REFUSED:
        print("ALLOWED", name, r, errno.errorcode.get(e, e), flush=True)
    else:
        print("refused", name, errno.errorcode.get(e, e), flush=True)
    return r


pid = os.fork()
if pid == 0:
    call("unshare NEWUSER", 272, 0x10000000)
    call("unshare NEWNS", 272, 0x20000)
    fd = os.open("/proc/1/ns/mnt", os.O_RDONLY) if os.path.exists("/proc/1/ns/mnt") else -1
    if fd >= 0:
        call("setns mnt of pid 1", 308, fd, 0)
    os._exit(0)
os.waitpid(pid, 0)
