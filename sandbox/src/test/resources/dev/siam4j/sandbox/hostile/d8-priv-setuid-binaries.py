# hostile: looks for setuid and setgid programs it could run to gain privileges (harmless only where no_new_privs is set)
# covers: privilege (setuid binaries)
# expect: OK
# reuse: OK
# stdout-lacks: ESCALATION
# stdout-has: DONE
import os
import stat
import time

MARKER = "{{MARKER}}"
with open("/proc/self/status") as f:
    no_new_privs = [l.split()[1] for l in f if l.startswith("NoNewPrivs:")] == ["1"]
found = []
end = time.monotonic() + 1.0
for top in ("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/lib", "/usr/libexec", "/usr/local/bin"):
    for root, dirs, files in os.walk(top):
        if time.monotonic() > end:
            break
        for name in files:
            try:
                mode = os.lstat(os.path.join(root, name)).st_mode
            except OSError:
                continue
            if stat.S_ISREG(mode) and mode & (stat.S_ISUID | stat.S_ISGID):
                found.append(os.path.join(root, name))
print("setuid or setgid programs:", found[:10], "no_new_privs:", no_new_privs)
if found and not no_new_privs:
    print("ESCALATION possible through", found[:5])
print("DONE")
