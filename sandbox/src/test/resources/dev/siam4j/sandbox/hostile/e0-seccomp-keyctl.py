# hostile: calls keyctl (get the session keyring, join a new one) directly with ctypes syscall(); it must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: keyctl)
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


call("keyctl GET_KEYRING_ID session", 250, 0, -3, 1)
call("keyctl GET_KEYRING_ID user", 250, 0, -4, 0)
call("keyctl JOIN_SESSION_KEYRING", 250, 1, 0)
