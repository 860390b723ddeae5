# hostile: calls init_module, kexec_load, open_by_handle_at and pivot_root (with arguments that do nothing even where allowed) directly with ctypes syscall(); it must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: kernel administration)
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


call("init_module", 175, None, 0, b"")
call("kexec_load", 246, 0, 0, None, 0xFFFF0000)  # invalid flags: refused or EINVAL, never loads
handle = (ctypes.c_uint8 * 136)(8, 0, 0, 0, 1)
call("open_by_handle_at", 304, os.open("/", os.O_RDONLY), ctypes.byref(handle), 0)
call("pivot_root", 155, b"/nonexistent-new-root", b"/nonexistent-put-old")
