# hostile: leaves files with its marker (and modules that shadow sympy and math) wherever it can write, sets umask 0 and moves its cwd
# covers: state passing (files, umask, cwd)
# expect: OK
import os

MARKER = "{{MARKER}}"
for d in (".", "/tmp", "/dev/shm", "/var/tmp", os.path.expanduser("~"), "..", "/tmp/..", "/dev/mqueue"):
    for name in (MARKER + "-left", "sympy.py", "math.py", "sitecustomize.py", "usercustomize.py"):
        try:
            with open(os.path.join(d, name), "w") as f:
                f.write("print(%r)\nraise SystemExit(0)\n" % MARKER)
        except OSError:
            pass
try:
    os.makedirs("/tmp/" + MARKER + "/nested/deeper")
    os.chmod("/tmp/" + MARKER, 0)
except OSError:
    pass
os.umask(0)
os.chdir("/")
print("planted")
