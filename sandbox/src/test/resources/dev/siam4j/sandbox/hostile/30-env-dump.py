# hostile: prints every environment it can read: its own, its parents', pid 1's, the JVM's and every visible process's
# covers: env secrets (the JVM's environment must not reach a program)
# expect: OK
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
for k, v in sorted(os.environ.items()):
    print("env", k, v)
pids = {"self", str(os.getppid()), "1", "{{JVM_PID}}"}
pids.update(n for n in os.listdir("/proc") if n.isdigit())
for pid in sorted(pids):
    for what in ("environ", "cmdline"):
        try:
            with open("/proc/%s/%s" % (pid, what), "rb") as f:
                data = f.read(1 << 16)
            print(pid, what, data.replace(b"\0", b" ").decode("utf-8", "replace")[:4000])
        except OSError as e:
            print(pid, what, "unreadable:", e.strerror)
print("DONE")
