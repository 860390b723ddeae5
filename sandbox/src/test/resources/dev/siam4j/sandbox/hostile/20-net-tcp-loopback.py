# hostile: connects to a TCP port the host listens on at 127.0.0.1 and sends its marker
# covers: network (TCP to the host's loopback)
# expect: OK|ERROR
# stdout-lacks: CONNECTED
import signal
import socket

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
for host in ("127.0.0.1", "localhost", "127.1.2.3"):
    try:
        s = socket.create_connection((host, {{TCP_PORT}}), timeout=1)
        s.sendall(MARKER.encode())
        print("CONNECTED", host)
        s.close()
    except OSError as e:
        print("refused", host, e)
