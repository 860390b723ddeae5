# hostile: grows touched memory 64 MiB at a time until something stops it
# covers: memory limit (gradual growth)
# expect: MEMORY_LIMIT
MARKER = "{{MARKER}}"
held = []
while True:
    held.append(b"\x5a" * (64 << 20))
