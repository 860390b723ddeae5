# hostile: five SysV shared memory segments of 256 MiB, each attached, filled and detached in turn: 1.25 GiB that no process's address space holds
# covers: memory limits dodged (SysV shared memory)
# expect: MEMORY_LIMIT|ERROR
import ctypes

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
size = 256 << 20
for i in range(5):
    sid = libc.shmget(0, ctypes.c_size_t(size), 0o1600)  # IPC_PRIVATE, IPC_CREAT | 0600
    if sid < 0:
        raise OSError(ctypes.get_errno(), "shmget refused")
    addr = libc.shmat(sid, None, 0)
    if addr is None or addr == ctypes.c_void_p(-1).value:
        raise OSError(ctypes.get_errno(), "shmat refused")
    ctypes.memset(addr, 0x5A, size)
    libc.shmdt(ctypes.c_void_p(addr))
print("DODGED the memory limit with 5 x 256 MiB of SysV shared memory")
