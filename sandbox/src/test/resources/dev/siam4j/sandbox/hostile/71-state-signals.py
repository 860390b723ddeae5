# hostile: signals processes it does not own: its worker, pid 1, a host process by host pid, and probes the JVM's pid
# covers: state passing (signals to other pids)
# expect: OK|ERROR
# stdout-lacks: SIGNALED
# stdout-has: DONE
import os
import signal

MARKER = "{{MARKER}}"
for pid, sig in (({{HOST_PID}}, signal.SIGKILL), ({{JVM_PID}}, 0), (os.getppid(), signal.SIGCONT),
                 (1, signal.SIGCONT)):
    if pid == os.getpid():
        continue
    try:
        os.kill(pid, sig)
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            cmd = f.read(200)
        if b"sleep" in cmd or b"java" in cmd:
            print("SIGNALED host process", pid, sig, cmd[:60])
        else:
            print("signalled", pid, "(not a host process:", cmd[:40], ")")
    except OSError as e:
        print("refused", pid, e.strerror)
print("DONE")
