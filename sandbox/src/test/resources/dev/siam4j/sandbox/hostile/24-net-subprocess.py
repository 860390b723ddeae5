# hostile: lets child processes reach the host's loopback ports: curl, a fresh interpreter, bash's /dev/tcp
# covers: network (subprocess curl / python child)
# expect: OK|ERROR
# stdout-lacks: CONNECTED
import signal
import subprocess
import sys

MARKER = "{{MARKER}}"
signal.signal(signal.SIGPIPE, signal.SIG_IGN)  # a peer that hangs up must not end the report
child = ("import socket,sys\ns=socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=1)\n"
         "s.sendall(sys.argv[2].encode()); print('CONNECTED child')")
commands = [
    [sys.executable, "-c", child, "{{TCP_PORT}}", MARKER],
    [sys.executable, "-I", "-S", "-c", child, "{{TCP_PORT}}", MARKER],
    ["curl", "-s", "-m", "1", "-o", "/dev/null", "-w", "CONNECTED curl %{http_code}\\n",
     "http://127.0.0.1:{{TCP_PORT}}/" + MARKER],
    ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/{{TCP_PORT}} && echo " + MARKER + " >&3 && echo CONNECTED bash"],
]
for cmd in commands:
    try:
        r = subprocess.run(cmd, capture_output=True, timeout=2)
        out = r.stdout.decode(errors="replace").strip()
        print(out if out and "000" not in out else "child failed (%d)" % r.returncode)
    except (OSError, subprocess.SubprocessError) as e:
        print("cannot start", cmd[0], type(e).__name__)
