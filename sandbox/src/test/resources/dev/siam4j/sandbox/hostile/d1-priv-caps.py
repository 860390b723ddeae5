# hostile: reads its capability sets and seccomp state from /proc/self/status
# covers: privilege (no capabilities)
# expect: OK
# reuse: OK
# stdout-lacks: CAPABLE
MARKER = "{{MARKER}}"
with open("/proc/self/status") as f:
    status = dict(line.split(":", 1) for line in f if ":" in line)
for name in ("CapPrm", "CapEff", "CapAmb"):  # inheritable alone grants nothing
    value = int(status[name].strip(), 16)
    print(name, hex(value))
    if value:
        print("CAPABLE", name, hex(value))
print("NoNewPrivs", status.get("NoNewPrivs", "").strip(), "Seccomp", status.get("Seccomp", "").strip())
