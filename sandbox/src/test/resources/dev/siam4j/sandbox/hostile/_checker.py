# The benign program run after every hostile one, on the same worker: it prints CLEAN when the
# worker left it a clean state, else one DIRTY line per finding. {{RUN_A}} and {{RUN_B}} are the two
# halves of the run marker that every hostile program carries; they are never joined here, so this
# program's own memory holds no copy of the marker.
import builtins
import io
import os
import sys
import types

dirty = []
RUN_A = "{{RUN_A}}".encode()
RUN_B = "{{RUN_B}}".encode()


def bad(what):
    dirty.append(what)


def holds_marker(data):
    at = data.find(RUN_A)
    while at >= 0:
        if data[at + len(RUN_A):at + len(RUN_A) + len(RUN_B)] == RUN_B:
            return True
        at = data.find(RUN_A, at + 1)
    return False


# 1. sympy, math and the builtins are the originals and work
try:
    import sympy
    import math
    if sympy.factorint(360) != {2: 3, 3: 2, 5: 1}:
        bad("sympy.factorint(360) gave %r" % (sympy.factorint(360),))
    if getattr(sympy.factorint, "__module__", "") != "sympy.ntheory.factor_":
        bad("sympy.factorint was replaced")
    x = sympy.Symbol("x")
    if sympy.solve(x ** 2 - 5 * x + 6, x) != [2, 3]:
        bad("sympy.solve is wrong")
    if math.sqrt(16) != 4.0 or type(math.sqrt).__name__ != "builtin_function_or_method":
        bad("math.sqrt was replaced")
except BaseException as e:
    bad("sympy or math broken: %r" % (e,))
for name in ("print", "open", "len", "sum", "range", "int", "str", "repr", "isinstance",
             "__import__", "exec", "eval", "compile", "sorted", "abs", "min", "max"):
    obj = getattr(builtins, name, None)
    if obj is None:
        bad("builtins." + name + " is missing")
    elif isinstance(obj, type):
        if obj.__module__ != "builtins":
            bad("builtins." + name + " is not the original type")
    elif type(obj) is not types.BuiltinFunctionType or obj.__module__ not in ("builtins", "io", "_io"):
        bad("builtins." + name + " is not the original function")
if int("42") != 42 or len([1, 2, 3]) != 3 or sum(range(5)) != 10 or str(7) != "7":
    bad("builtins compute wrong results")
if builtins.open is not io.open:
    bad("open is not io.open")

# 2. no files in the working folder, /tmp, /dev/shm or /dev/mqueue
cwd = os.getcwd()
try:
    left = os.listdir(cwd)
    if left:
        bad("working folder %s holds %r" % (cwd, left[:5]))
except OSError as e:
    bad("working folder unreadable: %r" % (e,))
ancestors = set()
p = cwd
while p not in ("/", ""):
    ancestors.add(p)
    p = os.path.dirname(p)
seen = 0
for top in ("/tmp", "/dev/shm", "/dev/mqueue", "/var/tmp"):
    if not os.path.isdir(top) or (top == "/var/tmp" and "/var/tmp" not in ancestors
                                  and not os.access("/var/tmp", os.W_OK)):
        continue
    stack = [top]
    while stack and seen < 5000:
        d = stack.pop()
        try:
            names = os.listdir(d)
        except OSError as e:
            bad("cannot list %s: %s" % (d, e.strerror))
            continue
        for n in names:
            seen += 1
            full = os.path.join(d, n)
            if full in ancestors:
                stack.append(full)
            elif full != cwd:
                if sum(1 for d in dirty if d.startswith("left behind")) < 8:
                    bad("left behind: " + full)

# 3. no SysV IPC objects, no keys from earlier programs
for kind in ("shm", "msg", "sem"):
    try:
        with open("/proc/sysvipc/" + kind) as f:
            rows = f.read().splitlines()[1:]
        if rows:
            bad("%d SysV %s object(s) left: %s" % (len(rows), kind, rows[0][:120]))
    except OSError:
        pass
try:
    with open("/proc/keys", "rb") as f:
        keys = f.read()
    if b"siam4j-hostile" in keys or holds_marker(keys):
        bad("a key of an earlier program is visible: " + repr(keys[:300]))
except OSError:
    pass

# 4. no processes but this one, its ancestors and the worker's supervisor (a root process whose
# parent is an ancestor: no program's process can be root)
mine = {os.getpid()}
pid = os.getpid()
for _ in range(64):
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            stat = f.read()
        pid = int(stat[stat.rfind(b")") + 2:].split()[1])
    except (OSError, ValueError, IndexError):
        break
    if pid <= 0:
        break
    mine.add(pid)

def worker_own(name):
    try:
        with open("/proc/%s/status" % name) as f:
            fields = dict(line.split(":", 1) for line in f if ":" in line)
        return fields["Uid"].split()[0] == "0" and int(fields["PPid"]) in mine
    except (OSError, KeyError, ValueError):
        return False


others = []
for name in os.listdir("/proc"):
    if name.isdigit() and int(name) not in mine and not worker_own(name):
        try:
            with open("/proc/%s/cmdline" % name, "rb") as f:
                cmd = f.read(200).replace(b"\0", b" ")
        except OSError:
            cmd = b"?"
        others.append("%s:%s" % (name, cmd.decode("utf-8", "replace")))
if others:
    bad("%d other process(es) visible: %s" % (len(others), "; ".join(others[:4])))

# 5. umask as on a fresh worker
with open("/proc/self/status") as f:
    umask = [l.split()[1] for l in f if l.startswith("Umask:")]
if umask and int(umask[0], 8) != int("{{UMASK}}", 8):
    bad("umask is " + umask[0])

# 6. no earlier program's text in this process's memory
try:
    import ctypes
    ctypes.CDLL(None).prctl(4, 1, 0, 0, 0)  # PR_SET_DUMPABLE, so that /proc/self/mem opens
    regions = []
    with open("/proc/self/maps") as f:
        for line in f:
            parts = line.split()
            if parts[1][0] != "r" or (len(parts) > 5 and parts[5] in ("[vvar]", "[vsyscall]", "[vdso]")):
                continue
            if parts[1][1] != "w" and len(parts) > 5 and not parts[5].startswith("["):
                continue  # read-only file mappings are code and constants of libraries
            lo, hi = (int(v, 16) for v in parts[0].split("-"))
            regions.append((lo, hi))
    found = []
    with open("/proc/self/mem", "rb", buffering=0) as mem:
        for lo, hi in regions:
            at = lo
            while at < hi:
                size = min(hi - at, 8 << 20)
                try:
                    mem.seek(at)
                    data = mem.read(size + 64 if at + size < hi else size)
                except OSError:
                    break
                if data and holds_marker(data):
                    found.append(hex(at))
                    break
                at += size
    if found:
        bad("an earlier program's marker is in this process's memory at " + ", ".join(found[:4]))
except OSError as e:
    bad("cannot read own memory: %r" % (e,))

for line in dirty:
    print("DIRTY " + line)
print("CLEAN" if not dirty else "DIRTY")
