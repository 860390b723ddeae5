# hostile: lets child processes (a fresh interpreter, curl, socat-like shell tools) reach the host's Unix sockets
# covers: host Unix sockets (subprocess)
# expect: OK|ERROR
# stdout-lacks: CONNECTED
import signal
import subprocess
import sys

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
child = ("import socket,sys\ns=socket.socket(socket.AF_UNIX)\ns.settimeout(1)\n"
         "s.connect(sys.argv[1]); s.sendall(sys.argv[2].encode()); print('CONNECTED', sys.argv[1])")
for path in ("{{HOST_SOCKET_TARGET}}", "{{HOST_SOCKET_RUN}}"):
    for cmd in ([sys.executable, "-c", child, path, MARKER],
                ["/usr/bin/python3", "-c", child, path, MARKER],
                ["curl", "-s", "-m", "1", "--unix-socket", path, "http://x/" + MARKER]):
        try:
            r = subprocess.run(cmd, capture_output=True, timeout=2)
            print(r.stdout.decode(errors="replace").strip() or "child failed: %r" % r.stderr[-80:])
        except (OSError, subprocess.SubprocessError) as e:
            print("cannot start", cmd[0], e)
