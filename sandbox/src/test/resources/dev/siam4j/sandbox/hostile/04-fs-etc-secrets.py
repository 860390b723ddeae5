# hostile: reads the host's password hashes, sudoers, ssh keys and machine identity
# covers: host file system visibility (/etc/shadow)
# expect: OK
# stdout-lacks: VISIBLE
# stdout-has: DONE
import os

MARKER = "{{MARKER}}"
for path in ("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/sudoers", "/etc/ssh", "/etc/ssl/private",
             "/root/.ssh", "/root/.bash_history", "/root/.m2", "/etc/machine-id", "/root/.pyenv/version"):
    if not os.path.lexists(path):
        continue
    try:
        if os.path.isdir(path):
            print("VISIBLE", path, os.listdir(path)[:5])
        else:
            with open(path, "rb") as f:
                print("VISIBLE", path, f.read(80))
    except OSError as e:
        print("VISIBLE", path, "exists:", e.strerror)
print("DONE")
