# hostile: opens AF_VSOCK sockets (the hypervisor's channel to its host, which no network namespace covers) and other non-IP families, through Python and through libc, socket pairs of them, and netlink sockets beyond route queries (the host's device events); it never connects or addresses anything
# covers: network (vsock and other socket families)
# expect: OK
# reuse: OK
# stdout-lacks: OPENED
# stdout-lacks: reached the family's code
# stdout-has: unix ok
# stdout-has: inet ok
# stdout-has: netlink route ok
import ctypes
import errno
import socket

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
# AF_VSOCK first; then AF_ALG, AF_TIPC, AF_RDS, AF_CAN, AF_XDP, AF_BLUETOOTH, AF_KEY, AF_PACKET,
# AF_LLC, AF_PPPOX, AF_KCM, AF_QIPCRTR, AF_SMC, AF_MCTP, AF_IB (where the kernel has them)
FAMILIES = (40, 38, 30, 21, 29, 44, 31, 15, 17, 26, 24, 41, 42, 43, 45, 27)
TYPES = (socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET, socket.SOCK_RAW)
for family in FAMILIES:
    for kind in TYPES:
        try:
            s = socket.socket(family, kind)
        except OSError as e:
            refused = e.errno
        else:
            print("OPENED through Python", family, kind)
            s.close()
            continue
        fd = libc.socket(family, kind, 0)
        if fd >= 0:
            print("OPENED through libc", family, kind)
            libc.close(fd)
    print("refused", family, errno.errorcode.get(refused, refused))
for family in (40, 30):  # AF_VSOCK, AF_TIPC: refused before the family's code is reached
    fd = (ctypes.c_int * 2)()
    if libc.socketpair(family, socket.SOCK_STREAM, 0, fd) == 0:
        print("OPENED socketpair", family)
    elif ctypes.get_errno() != errno.EAFNOSUPPORT:
        print("socketpair reached the family's code", family, errno.errorcode.get(ctypes.get_errno()))
    else:
        print("refused socketpair", family)
for protocol in (15, 16, 4, 9):  # kernel device events (the host's), generic, sock_diag, audit
    try:
        socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, protocol).close()
        print("OPENED netlink", protocol)
    except OSError as e:
        print("refused netlink", protocol, errno.errorcode.get(e.errno, e.errno))
with socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0) as route:
    print("netlink route ok")
a, b = socket.socketpair()
a.sendall(b"x")
print("unix ok" if b.recv(1) == b"x" else "unix broken")
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s4, \
        socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s6:
    print("inet ok", s4.family, s6.family)
