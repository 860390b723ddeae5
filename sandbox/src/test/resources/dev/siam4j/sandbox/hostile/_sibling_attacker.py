# Runs while a victim program runs on another worker of the same sandbox: it looks for the victim
# (its processes and files) and checks whether it may signal or trace any process of this sandbox it
# can see (signal 0 only; a seized process is released when this program ends). It prints
# FOUND or SIGNALED for anything that works.
import ctypes
import os
import time

MARKER = "{{MARKER}}"
RUN_A, RUN_B = "{{RUN_A}}", "{{RUN_B}}"
own = MARKER[len(RUN_A) + len(RUN_B):]
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.restype = ctypes.c_long


def foreign(text):
    at = text.find(RUN_A)
    while at >= 0:
        if text[at + len(RUN_A):].startswith(RUN_B) and not text[at + len(RUN_A) + len(RUN_B):].startswith(own):
            return True
        at = text.find(RUN_A, at + 1)
    return False


mine = {os.getpid(), os.getppid(), 1}
end = time.monotonic() + 2.0
while time.monotonic() < end:
    for name in os.listdir("/proc"):
        if not name.isdigit() or int(name) in mine:
            continue
        pid = int(name)
        try:
            with open("/proc/%d/cmdline" % pid, "rb") as f:
                if b"siam4j-sandbox-{{SANDBOX_ID}}-" not in f.read():
                    continue  # only this sandbox's own processes are fair game
        except OSError:
            continue
        for where in ("root/tmp", "cwd"):
            try:
                for entry in os.listdir("/proc/%d/%s" % (pid, where)):
                    if foreign(entry):
                        print("FOUND the victim's file through /proc/%d/%s: %s" % (pid, where, entry), flush=True)
            except OSError:
                pass
        if libc.ptrace(ctypes.c_long(0x4206), ctypes.c_long(pid), None, None) == 0:
            print("SIGNALED: ptrace-seized", pid, flush=True)
        try:
            os.kill(pid, 0)  # permission to signal, without sending anything
            print("SIGNALED: may signal", pid, flush=True)
        except OSError:
            pass
    for top in ("/tmp", "/dev/shm", ".."):
        try:
            for entry in os.listdir(top):
                if foreign(entry):
                    print("FOUND the victim's file in", top, entry, flush=True)
        except OSError:
            pass
    time.sleep(0.1)
print("DONE")
