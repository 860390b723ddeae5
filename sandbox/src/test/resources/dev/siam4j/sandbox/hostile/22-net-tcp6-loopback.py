# hostile: connects to a TCP port the host listens on at ::1
# covers: network (IPv6 loopback)
# expect: OK|ERROR
# stdout-lacks: CONNECTED
import signal
import socket

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
port = {{TCP6_PORT}}
if port:
    for family, addr in ((socket.AF_INET6, ("::1", port)), (socket.AF_INET6, ("::ffff:127.0.0.1", {{TCP_PORT}}))):
        try:
            s = socket.socket(family, socket.SOCK_STREAM)
            s.settimeout(1)
            s.connect(addr)
            s.sendall(MARKER.encode())
            print("CONNECTED", addr)
            s.close()
        except OSError as e:
            print("refused", addr, e)
print("done")
