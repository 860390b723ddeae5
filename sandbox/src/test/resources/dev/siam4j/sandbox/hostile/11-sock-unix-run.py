# hostile: connects to a listening Unix socket under /run, where D-Bus and databases keep theirs
# covers: host Unix sockets (/run)
# expect: OK|ERROR
# stdout-lacks: CONNECTED
import signal
import socket

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
for path in ("{{HOST_SOCKET_RUN}}", "/run/dbus/system_bus_socket", "/var/run/dbus/system_bus_socket",
             "/run/postgresql/.s.PGSQL.5432", "/run/systemd/private", "/run/docker.sock", "/var/run/docker.sock",
             "/run/containerd/containerd.sock", "/run/user/0/bus"):
    s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    s.settimeout(1)
    try:
        s.connect(path)
        s.sendall(MARKER.encode())
        print("CONNECTED", path)
    except OSError as e:
        print("refused", path, e.strerror)
    finally:
        s.close()
