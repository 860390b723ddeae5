# hostile: attaches with ptrace and process_vm_readv to its worker, pid 1 and a host process by its host pid
# covers: state passing (ptrace of a sibling)
# expect: OK|ERROR|KILLED
# stdout-lacks: PTRACED
# stdout-lacks: PEEKED
import ctypes
import os

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long
libc.process_vm_readv.restype = ctypes.c_ssize_t


class IoVec(ctypes.Structure):
    _fields_ = [("base", ctypes.c_void_p), ("len", ctypes.c_size_t)]


targets = {os.getppid(), 1, {{HOST_PID}}}
for name in os.listdir("/proc"):
    if name.isdigit() and int(name) != os.getpid():
        targets.add(int(name))
for pid in sorted(targets):
    if libc.ptrace(ctypes.c_long(0x4206), ctypes.c_long(pid), None, None) == 0:  # PTRACE_SEIZE
        print("PTRACED", pid)
        libc.ptrace(ctypes.c_long(17), ctypes.c_long(pid), None, None)  # PTRACE_DETACH
    try:
        with open("/proc/%d/maps" % pid) as f:
            lo = int(f.readline().split("-")[0], 16)
    except (OSError, ValueError):
        lo = 0x400000
    buf = ctypes.create_string_buffer(64)
    local = IoVec(ctypes.cast(buf, ctypes.c_void_p), 64)
    remote = IoVec(ctypes.c_void_p(lo), 64)
    if libc.process_vm_readv(pid, ctypes.byref(local), 1, ctypes.byref(remote), 1, 0) > 0:
        print("PEEKED", pid, buf.raw[:16])
print("tried", len(targets))
