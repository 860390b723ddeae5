# hostile: sends UDP datagrams with its marker to a port the host listens on at 127.0.0.1
# covers: network (UDP to the host's loopback)
# expect: OK|ERROR
# stdout-lacks: SENT-AND-ANSWERED
import signal
import socket

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    for _ in range(5):
        s.sendto(MARKER.encode(), ("127.0.0.1", {{UDP_PORT}}))
    print("sent (the host side checks that nothing arrived)")
except OSError as e:
    print("blocked", e)
