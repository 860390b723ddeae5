# hostile: asks for new namespaces through clone() and clone3() instead of unshare(), to get past a filter that only knows unshare
# covers: privilege (seccomp-denied syscalls: clone with namespace flags, clone3)
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
SIGCHLD = 17
for name, flags in (("CLONE_NEWUSER", 0x10000000), ("CLONE_NEWNS", 0x20000), ("CLONE_NEWNET", 0x40000000),
                    ("CLONE_NEWPID", 0x20000000)):
    ctypes.set_errno(0)
    pid = libc.syscall(ctypes.c_long(56), ctypes.c_long(flags | SIGCHLD), None, None, None, ctypes.c_long(0))
    e = ctypes.get_errno()
    if pid == 0:
        os._exit(0)  # the child of a fork-like clone: leave at once
    if pid > 0:
        os.waitpid(pid, 0)
        print("ALLOWED clone", name, flush=True)
    elif e not in REFUSED:
        print("ALLOWED clone", name, errno.errorcode.get(e, e), flush=True)
    else:
        print("refused clone", name, errno.errorcode.get(e, e), flush=True)
args = (ctypes.c_uint64 * 11)(0x10000000, 0, 0, 0, SIGCHLD)  # struct clone_args: flags, ..., exit_signal
ctypes.set_errno(0)
pid = libc.syscall(ctypes.c_long(435), ctypes.byref(args), ctypes.c_long(88))
e = ctypes.get_errno()
if pid == 0:
    os._exit(0)
if pid > 0:
    os.waitpid(pid, 0)
    print("ALLOWED clone3 CLONE_NEWUSER", flush=True)
elif e not in REFUSED:
    print("ALLOWED clone3", errno.errorcode.get(e, e), flush=True)
else:
    print("refused clone3", errno.errorcode.get(e, e), flush=True)
