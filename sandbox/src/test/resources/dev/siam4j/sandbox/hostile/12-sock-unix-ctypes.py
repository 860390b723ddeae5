# hostile: connects to the host's Unix sockets through libc directly, past any Python-level hook
# covers: host Unix sockets (ctypes)
# expect: OK|ERROR|KILLED
# stdout-lacks: CONNECTED
import ctypes
import signal

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
libc = ctypes.CDLL(None, use_errno=True)


class SockaddrUn(ctypes.Structure):
    _fields_ = [("family", ctypes.c_ushort), ("path", ctypes.c_char * 108)]


for path in ("{{HOST_SOCKET_TARGET}}", "{{HOST_SOCKET_RUN}}"):
    fd = libc.socket(1, 1, 0)  # AF_UNIX, SOCK_STREAM
    if fd < 0:
        print("no socket", ctypes.get_errno())
        continue
    addr = SockaddrUn(1, path.encode())
    if libc.connect(fd, ctypes.byref(addr), ctypes.sizeof(addr)) == 0:
        libc.write(fd, MARKER.encode(), len(MARKER))
        print("CONNECTED", path)
    else:
        print("refused", path, ctypes.get_errno())
    libc.close(fd)
