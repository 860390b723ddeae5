# hostile: adds keys holding its marker to the session, user and user-session keyrings for the next program
# covers: state passing (kernel keyring)
# expect: OK|ERROR|KILLED
import ctypes

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
for ring in (-3, -4, -5):  # KEY_SPEC_SESSION_KEYRING, KEY_SPEC_USER_KEYRING, KEY_SPEC_USER_SESSION_KEYRING
    key = libc.syscall(ctypes.c_long(248), b"user", b"siam4j-hostile-key", MARKER.encode(),
                       ctypes.c_size_t(len(MARKER)), ctypes.c_long(ring))  # add_key
    print("add_key", ring, "->", key, ctypes.get_errno())
    if key >= 0:
        libc.syscall(ctypes.c_long(250), ctypes.c_long(9), ctypes.c_long(key), ctypes.c_long(0x3F3F3F3F))  # setperm
