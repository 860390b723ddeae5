# hostile: searches /tmp, /dev/shm, /var/tmp and the folders around its own for files an earlier program left
# covers: state passing (files read by a later program)
# expect: OK
# stdout-lacks: FOUND
import os

MARKER = "{{MARKER}}"
RUN_A, RUN_B = "{{RUN_A}}", "{{RUN_B}}"
own = MARKER[len(RUN_A) + len(RUN_B):]
seen = 0
for top in ("/tmp", "/dev/shm", "/var/tmp", "..", "../..", "/dev/mqueue"):
    for root, dirs, files in os.walk(top):
        for name in dirs + files:
            seen += 1
            at = name.find(RUN_A)
            if at >= 0 and name[at + len(RUN_A):].startswith(RUN_B) and own not in name:
                print("FOUND an earlier program's file", os.path.join(root, name))
        if seen > 20000:
            break
with open("/proc/self/status") as f:
    print([l.strip() for l in f if l.startswith("Umask")])
print("cwd", os.getcwd(), os.listdir("."))
