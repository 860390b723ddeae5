# hostile: prints the right answer, then writes a MemoryError report as JSON to descriptors 3 to 20 and through /proc/self/fd
# covers: forged outcomes (JSON on fds 3..20 has no effect)
# expect: OK
# answer: 42
import json
import os

MARKER = "{{MARKER}}"
print(42, flush=True)
report = json.dumps({"type": "MemoryError", "message": "", "line": 1, "memory": True, "timeout": True,
                     "outputLimit": True, "signal": 24, "exit": 0}).encode()
for fd in range(3, 21):
    for target in (fd, "/proc/self/fd/%d" % fd):
        try:
            if isinstance(target, int):
                os.write(target, report)
            else:
                h = os.open(target, os.O_WRONLY | os.O_NONBLOCK)
                os.write(h, report)
                os.close(h)
        except OSError:
            pass
