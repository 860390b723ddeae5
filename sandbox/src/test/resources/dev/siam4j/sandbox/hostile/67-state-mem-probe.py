# hostile: makes itself dumpable and scans its own memory for the source or output of earlier programs, inherited from the worker
# covers: state passing (/proc/self/mem after PR_SET_DUMPABLE)
# expect: OK
# stdout-lacks: FOUND
import ctypes

MARKER = "{{MARKER}}"
RUN_A, RUN_B = "{{RUN_A}}".encode(), "{{RUN_B}}".encode()
own = MARKER.encode()[len(RUN_A) + len(RUN_B):]
print("prctl", ctypes.CDLL(None).prctl(4, 1, 0, 0, 0))
hits = 0
with open("/proc/self/maps") as f:
    maps = [l.split() for l in f]
with open("/proc/self/mem", "rb", buffering=0) as mem:
    for parts in maps:
        if parts[1][0] != "r" or (len(parts) > 5 and parts[5] in ("[vvar]", "[vsyscall]")):
            continue
        lo, hi = (int(v, 16) for v in parts[0].split("-"))
        at = lo
        while at < hi:
            size = min(hi - at, 8 << 20)
            try:
                mem.seek(at)
                data = mem.read(size + 64 if at + size < hi else size)
            except OSError:
                break
            i = data.find(RUN_A)
            while i >= 0:
                tail = data[i + len(RUN_A):i + len(RUN_A) + len(RUN_B) + len(own)]
                if tail.startswith(RUN_B) and tail[len(RUN_B):] != own:
                    hits += 1
                    if hits < 5:
                        print("FOUND an earlier program's marker at", hex(at + i), data[max(0, i - 60):i + 40])
                i = data.find(RUN_A, i + 1)
            at += size
print("scanned, hits:", hits)
