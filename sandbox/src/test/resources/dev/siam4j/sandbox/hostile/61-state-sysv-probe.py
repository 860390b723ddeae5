# hostile: finds SysV objects an earlier program left (by key and by scanning /proc/sysvipc) and reads their contents
# covers: state passing (SysV IPC read by a later program)
# expect: OK|ERROR
# stdout-lacks: FOUND
import ctypes

MARKER = "{{MARKER}}"
RUN_A, RUN_B = "{{RUN_A}}", "{{RUN_B}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.shmat.restype = ctypes.c_void_p
ids = set()
sid = libc.shmget(0x51A4F00D, ctypes.c_size_t(0), 0)
if sid >= 0:
    ids.add(sid)
try:
    with open("/proc/sysvipc/shm") as f:
        for row in f.read().splitlines()[1:]:
            ids.add(int(row.split()[1]))
except OSError:
    pass
for sid in ids:
    addr = libc.shmat(sid, None, 0o10000)  # SHM_RDONLY
    if addr in (None, ctypes.c_void_p(-1).value):
        print("shm", sid, "visible, not attachable", ctypes.get_errno())
        continue
    data = ctypes.string_at(addr, 64)
    at = data.find(RUN_A.encode())
    if at >= 0 and data[at + len(RUN_A):].startswith(RUN_B.encode()):
        print("FOUND an earlier program's marker in SysV shm", sid)
    else:
        print("shm", sid, "visible")
qid = libc.msgget(0x51A4F00E, 0)
if qid >= 0:
    buf = ctypes.create_string_buffer(80)
    n = libc.msgrcv(qid, buf, 64, 0, 0o4000)  # IPC_NOWAIT
    if n > 0 and RUN_A.encode() in buf.raw:
        print("FOUND an earlier program's marker in a SysV message queue")
print("probed", len(ids), "segments")
