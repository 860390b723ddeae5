# hostile: calls userfaultfd and io_uring_setup, the usual kernel exploit primitives directly with ctypes syscall(); it must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: userfaultfd, io_uring_setup)
# expect: OK|ERROR|KILLED
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


call("userfaultfd user-mode-only", 323, 1 | os.O_CLOEXEC)
params = (ctypes.c_uint8 * 120)()
call("io_uring_setup", 425, 4, ctypes.byref(params))
