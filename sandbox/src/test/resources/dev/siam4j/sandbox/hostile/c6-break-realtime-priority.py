# hostile: asks for a real-time scheduling class and the highest priority, which would let a busy loop starve the host
# covers: limits hold (CPU: real-time scheduling, nice)
# expect: OK|ERROR|KILLED
# stdout-lacks: REALTIME
import os

MARKER = "{{MARKER}}"
for policy in ("SCHED_FIFO", "SCHED_RR"):
    try:
        os.sched_setscheduler(0, getattr(os, policy), os.sched_param(1))
        print("REALTIME", policy, flush=True)
    except OSError as e:
        print("refused", policy, e.strerror, flush=True)
try:
    os.setpriority(os.PRIO_PROCESS, 0, -20)
    print("REALTIME nice -20", flush=True)
except OSError as e:
    print("refused nice", e.strerror, flush=True)
