# hostile: makes itself unkillable by the OOM killer (oom_score_adj -1000) and protects its children the same way, then grows past its limit
# covers: limits hold (OOM immunity)
# expect: MEMORY_LIMIT|ERROR
# stdout-lacks: UNKILLABLE
MARKER = "{{MARKER}}"
for value in (b"-1000", b"-999", b"-17"):
    try:
        with open("/proc/self/oom_score_adj", "wb", buffering=0) as f:
            f.write(value)
        print("UNKILLABLE oom_score_adj", value, flush=True)
        break
    except OSError as e:
        print("refused", value, e.strerror, flush=True)
held = []
while True:
    held.append(b"\x5a" * (64 << 20))
