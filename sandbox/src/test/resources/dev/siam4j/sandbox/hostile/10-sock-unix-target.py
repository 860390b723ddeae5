# hostile: connects to a listening Unix socket on a host path under the build folder and sends its marker
# covers: host Unix sockets (a path outside /tmp)
# expect: OK|ERROR
# stdout-lacks: CONNECTED
import signal
import socket

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
for kind in (socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_SEQPACKET):
    s = socket.socket(socket.AF_UNIX, kind)
    s.settimeout(1)
    try:
        s.connect("{{HOST_SOCKET_TARGET}}")
        s.sendall(MARKER.encode())
        print("CONNECTED", kind)
    except OSError as e:
        print("refused", kind, e.strerror)
    finally:
        s.close()
