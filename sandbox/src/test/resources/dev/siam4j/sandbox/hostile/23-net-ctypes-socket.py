# hostile: opens TCP, UDP and raw sockets through libc directly (past any Python audit hook) to reach the host
# covers: network (ctypes, raw socket)
# expect: OK|ERROR|KILLED
# stdout-lacks: CONNECTED
# stdout-lacks: RAW-OPENED
import ctypes
import signal
import socket
import struct

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
libc = ctypes.CDLL(None, use_errno=True)


class SockaddrIn(ctypes.Structure):
    _fields_ = [("family", ctypes.c_ushort), ("port", ctypes.c_ushort), ("addr", ctypes.c_uint32),
                ("zero", ctypes.c_char * 8)]


def addr(port):
    return SockaddrIn(socket.AF_INET, socket.htons(port), struct.unpack("<I", socket.inet_aton("127.0.0.1"))[0])


fd = libc.socket(socket.AF_INET, socket.SOCK_STREAM, 0)
a = addr({{TCP_PORT}})
if fd >= 0 and libc.connect(fd, ctypes.byref(a), ctypes.sizeof(a)) == 0:
    libc.write(fd, MARKER.encode(), len(MARKER))
    print("CONNECTED tcp")
else:
    print("tcp refused", ctypes.get_errno())
u = libc.socket(socket.AF_INET, socket.SOCK_DGRAM, 0)
b = addr({{UDP_PORT}})
if u >= 0:
    libc.sendto(u, MARKER.encode(), len(MARKER), 0, ctypes.byref(b), ctypes.sizeof(b))
for proto in (1, 255):  # ICMP, raw IP
    r = libc.socket(socket.AF_INET, socket.SOCK_RAW, proto)
    print("RAW-OPENED" if r >= 0 else "raw refused", proto, ctypes.get_errno())
p = libc.socket(17, socket.SOCK_RAW, 0)  # AF_PACKET
print("RAW-OPENED packet" if p >= 0 else "packet refused", ctypes.get_errno())
