# hostile: creates a user namespace to become root inside it and mount from there (syscall and unshare(1))
# covers: privilege (unshare)
# expect: OK|ERROR|KILLED
# reuse: OK|ERROR|KILLED
# stdout-lacks: UNSHARED
import ctypes
import os
import subprocess

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
CLONE_NEWUSER, CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWIPC = 0x10000000, 0x20000, 0x40000000, 0x20000000, 0x8000000
pid = os.fork()
if pid == 0:
    ok = libc.unshare(CLONE_NEWUSER | CLONE_NEWNS) == 0
    os.write(1, b"UNSHARED user+mount\n" if ok else b"unshare refused\n")
    os._exit(0)
os.waitpid(pid, 0)
for flags in (CLONE_NEWNET, CLONE_NEWPID, CLONE_NEWIPC):
    pid = os.fork()
    if pid == 0:
        os._exit(0 if libc.unshare(flags) == 0 else 1)
    _, st = os.waitpid(pid, 0)
    if os.WIFEXITED(st) and os.WEXITSTATUS(st) == 0:
        print("UNSHARED", hex(flags))
try:
    r = subprocess.run(["unshare", "-r", "-m", "id", "-u"], capture_output=True, timeout=2)
    if r.returncode == 0:
        print("UNSHARED with unshare(1):", r.stdout.strip())
except (OSError, subprocess.SubprocessError) as e:
    print("unshare(1) unavailable", type(e).__name__)
