# hostile: looks through /proc for the JVM, the build tool, the host's listening ports and Unix sockets
# covers: host file system visibility (/proc of the host: pids, /proc/net)
# expect: OK
# stdout-lacks: VISIBLE
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
for name in os.listdir("/proc"):
    if name.isdigit():
        try:
            with open("/proc/%s/cmdline" % name, "rb") as f:
                cmd = f.read(4096)
        except OSError:
            continue
        if b"java" in cmd or b"maven" in cmd or b"surefire" in cmd or b"sshd" in cmd:
            print("VISIBLE host process", name, cmd[:100])
if os.path.exists("/proc/{{JVM_PID}}/cmdline"):
    try:
        with open("/proc/{{JVM_PID}}/cmdline", "rb") as f:
            if b"java" in f.read():
                print("VISIBLE the JVM as pid {{JVM_PID}}")
    except OSError:
        pass
ports = {int(p) for p in ("{{TCP_PORT}}", "{{TCP6_PORT}}", "{{UDP_PORT}}") if int(p) > 0}
for table in ("tcp", "tcp6", "udp", "udp6"):
    try:
        with open("/proc/net/" + table) as f:
            for row in f.read().splitlines()[1:]:
                port = int(row.split()[1].split(":")[1], 16)
                if port in ports:
                    print("VISIBLE the host's listening port", port, "in /proc/net/" + table)
    except OSError:
        pass
try:
    with open("/proc/net/unix") as f:
        for row in f.read().splitlines()[1:]:
            if "{{HOST_SOCKET_TARGET}}" in row or "{{HOST_SOCKET_RUN}}" in row or "/run/" in row:
                print("VISIBLE host Unix socket", row.split()[-1])
except OSError:
    pass
print("DONE")
