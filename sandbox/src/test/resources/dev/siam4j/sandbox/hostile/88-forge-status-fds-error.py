# hostile: writes a MemoryError report to descriptors 3 to 20, then exits 1 without any exception
# covers: forged outcomes (MEMORY_LIMIT only from the sandbox's own evidence)
# expect: ERROR
# exit: 1
import json
import os

MARKER = "{{MARKER}}"
report = json.dumps({"type": "MemoryError", "message": "", "line": 1, "memory": True}).encode()
for fd in range(3, 21):
    try:
        os.write(fd, report)
    except OSError:
        pass
os.write(2, b"Traceback (most recent call last):\n  File \"<program>\", line 1, in <module>\nMemoryError\n")
os._exit(1)
