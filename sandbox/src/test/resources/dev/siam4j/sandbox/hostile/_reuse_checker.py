# The benign program run after every hostile one in reuse mode, on the same worker: programs of a
# reuse worker share its process, so it checks what reuse mode still promises: no root, no
# capabilities, no SysV objects or keys left, and a working sympy. Prints CLEAN or DIRTY lines.
import os

dirty = []
ids = os.getresuid() + os.getresgid()
if 0 in ids or 0 in os.getgroups():
    dirty.append("runs as root: %r %r" % (ids, os.getgroups()))
with open("/proc/self/status") as f:
    status = dict(line.split(":", 1) for line in f if ":" in line)
for name in ("CapPrm", "CapEff", "CapAmb"):
    if int(status[name].strip(), 16):
        dirty.append("%s is %s" % (name, status[name].strip()))
try:
    import sympy
    if sympy.factorint(360) != {2: 3, 3: 2, 5: 1}:
        dirty.append("sympy.factorint is wrong")
except BaseException as e:
    dirty.append("sympy broken: %r" % (e,))
try:
    with open("/proc/keys") as f:
        if "siam4j-hostile" in f.read():
            dirty.append("a key of an earlier program is visible")
except OSError:
    pass
for line in dirty:
    print("DIRTY " + line)
print("CLEAN" if not dirty else "DIRTY")
