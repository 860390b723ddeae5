# hostile: leaves a SysV shared memory segment, message queue and semaphore set holding its marker for the next program
# covers: state passing (SysV IPC left behind)
# expect: OK|ERROR
import ctypes

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
sid = libc.shmget(0x51A4F00D, ctypes.c_size_t(1 << 20), 0o1666)  # IPC_CREAT | 0666
if sid < 0:
    raise OSError(ctypes.get_errno(), "shmget refused")
addr = libc.shmat(sid, None, 0)
ctypes.memmove(addr, MARKER.encode(), len(MARKER))
libc.shmdt(ctypes.c_void_p(addr))
print("planted shm", sid)


class Msg(ctypes.Structure):
    _fields_ = [("mtype", ctypes.c_long), ("mtext", ctypes.c_char * 64)]


qid = libc.msgget(0x51A4F00E, 0o1666)
if qid >= 0:
    m = Msg(1, MARKER.encode())
    libc.msgsnd(qid, ctypes.byref(m), len(MARKER), 0)
    print("planted msg", qid)
semid = libc.semget(0x51A4F00F, 3, 0o1666)
print("planted sem", semid)
