# hostile: asks for 4 GiB at once
# covers: memory limit (plain allocation)
# expect: MEMORY_LIMIT
MARKER = "{{MARKER}}"
x = bytearray(4 << 30)
print(len(x))
