# hostile: calls bpf (create a map, load a socket filter) directly with ctypes syscall(); it must be refused (EPERM/ENOSYS/EACCES) or end the program
# covers: privilege (seccomp-denied syscalls: bpf)
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


attr = (ctypes.c_uint32 * 32)(2, 4, 4, 1)  # BPF_MAP_TYPE_ARRAY, key 4, value 4, 1 entry
call("bpf MAP_CREATE", 321, 0, ctypes.byref(attr), ctypes.sizeof(attr))
insns = (ctypes.c_uint64 * 2)(0xb7, 0x95)  # r0 = 0; exit
lic = ctypes.create_string_buffer(b"GPL")
prog = (ctypes.c_uint64 * 16)()
ctypes.memmove(prog, (ctypes.c_uint32 * 2)(1, 2), 8)  # BPF_PROG_TYPE_SOCKET_FILTER, 2 instructions
prog[1] = ctypes.addressof(insns)
prog[2] = ctypes.addressof(lic)
call("bpf PROG_LOAD", 321, 5, ctypes.byref(prog), ctypes.sizeof(prog))
