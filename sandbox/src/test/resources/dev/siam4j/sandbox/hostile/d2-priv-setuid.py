# hostile: tries to become root with setuid, setresuid, setgid and setgroups
# covers: privilege (setuid)
# expect: OK
# reuse: OK
# stdout-lacks: ROOT
import os

MARKER = "{{MARKER}}"
for name, call in (("setuid", lambda: os.setuid(0)), ("setresuid", lambda: os.setresuid(0, 0, 0)),
                   ("setgid", lambda: os.setgid(0)), ("setgroups", lambda: os.setgroups([0])),
                   ("seteuid", lambda: os.seteuid(0))):
    try:
        call()
    except OSError as e:
        print(name, "refused", e.strerror)
if 0 in os.getresuid() + os.getresgid() or 0 in os.getgroups():
    print("ROOT")
print("ids", os.getresuid(), os.getresgid())
