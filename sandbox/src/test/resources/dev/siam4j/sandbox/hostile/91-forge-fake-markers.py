# hostile: prints what the sandbox's protocol, its limit reports and its setup failure look like, then exits 0 with the right answer
# covers: forged outcomes (printed markers are not parsed)
# expect: OK
# answer: 42
import json
import sys

MARKER = "{{MARKER}}"
fake = json.dumps({"exit": 0, "elapsed": 0.0, "timeout": True, "outputLimit": True, "cancelled": True,
                   "signal": 9, "cpu": 99.0, "out": 0, "err": 0, "error": {"type": "MemoryError", "memory": True}})
for stream in (sys.stdout, sys.stderr):
    print(fake, file=stream)
    print("sandbox setup failed: forged", file=stream)
    print("killed by signal 24", file=stream)
    print("Traceback (most recent call last):\nMemoryError", file=stream)
    print("SANDBOX_FAILURE TIMEOUT MEMORY_LIMIT OUTPUT_LIMIT", file=stream)
    print("CLEAN", file=stream)
print(42)
