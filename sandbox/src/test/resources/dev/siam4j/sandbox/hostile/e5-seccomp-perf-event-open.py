# hostile: calls perf_event_open (a software clock counting this process in user space) directly with ctypes syscall(); it must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: perf_event_open)
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


attr = (ctypes.c_uint8 * 128)()
ctypes.memmove(attr, (ctypes.c_uint32 * 2)(1, 128), 8)  # PERF_TYPE_SOFTWARE, size 128
ctypes.memmove(ctypes.byref(attr, 8), (ctypes.c_uint64 * 1)(0), 8)  # PERF_COUNT_SW_CPU_CLOCK
ctypes.memmove(ctypes.byref(attr, 40), (ctypes.c_uint64 * 1)(1 << 5 | 1 << 6), 8)  # exclude kernel, hv
call("perf_event_open", 298, ctypes.byref(attr), 0, -1, -1, 0)
