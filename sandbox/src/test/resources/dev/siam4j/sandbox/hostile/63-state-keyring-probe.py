# hostile: searches the keyrings for a key an earlier program added and reads its payload
# covers: state passing (kernel keyring read by a later program)
# expect: OK|ERROR|KILLED
# stdout-lacks: FOUND
import ctypes

MARKER = "{{MARKER}}"
RUN_A, RUN_B = "{{RUN_A}}", "{{RUN_B}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
ids = set()
for ring in (-3, -4, -5):
    key = libc.syscall(ctypes.c_long(250), ctypes.c_long(10), ctypes.c_long(ring), b"user",
                       b"siam4j-hostile-key", ctypes.c_long(0))  # KEYCTL_SEARCH
    if key >= 0:
        ids.add(key)
try:
    with open("/proc/keys") as f:
        for row in f:
            ids.add(int(row.split()[0], 16))
except OSError:
    pass
buf = ctypes.create_string_buffer(256)
for key in ids:
    n = libc.syscall(ctypes.c_long(250), ctypes.c_long(11), ctypes.c_long(key), buf, ctypes.c_long(256))  # READ
    if n > 0:
        data = buf.raw[:min(n, 256)]
        at = data.find(RUN_A.encode())
        if at >= 0 and data[at + len(RUN_A):].startswith(RUN_B.encode()):
            print("FOUND an earlier program's key", hex(key))
print("probed", len(ids), "keys")
