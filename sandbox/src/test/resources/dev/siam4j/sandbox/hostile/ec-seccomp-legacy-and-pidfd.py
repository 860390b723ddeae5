# hostile: calls modify_ldt and uselib (x86 legacy calls that kernel exploits lean on), pidfd_getfd and process_madvise (another process's files and memory) with arguments that do nothing even where allowed; each must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: legacy and cross-process)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: ALLOWED
# stdout-has: DONE
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


if os.uname().machine == "x86_64":
    buf = ctypes.create_string_buffer(16)
    call("modify_ldt", 154, 0, buf, 16)  # func 0 reads the LDT
    call("uselib", 134, None)
call("pidfd_getfd", 438, -1, 0, 0)
call("process_madvise", 440, -1, None, 0, 0, 0)
print("DONE")
