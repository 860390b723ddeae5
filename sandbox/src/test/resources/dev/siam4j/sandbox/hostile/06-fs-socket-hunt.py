# hostile: walks the file system for any Unix socket (D-Bus, a database, the build's own) and connects to each
# covers: host Unix sockets (any filesystem socket)
# expect: OK
# stdout-lacks: SOCKET
# stdout-has: DONE
import os
import signal
import socket
import stat
import time

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
end = time.monotonic() + 1.5
stack = [("/", 0)]
while stack and time.monotonic() < end:
    d, depth = stack.pop()
    try:
        entries = list(os.scandir(d))
    except OSError:
        continue
    for e in entries:
        try:
            st = e.stat(follow_symlinks=False)
        except OSError:
            continue
        if stat.S_ISSOCK(st.st_mode):
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.settimeout(0.3)
            try:
                s.connect(e.path)
                print("SOCKET connected to", e.path, flush=True)
                s.sendall(MARKER.encode())
            except OSError as err:
                print("SOCKET found, not connected:", e.path, err.strerror)
            finally:
                s.close()
        elif stat.S_ISDIR(st.st_mode) and depth < 7 and e.path not in ("/proc", "/sys", "/dev"):
            stack.append((e.path, depth + 1))
print("DONE")
