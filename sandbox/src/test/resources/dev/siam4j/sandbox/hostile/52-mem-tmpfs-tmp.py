# hostile: writes 1 GiB of files (twice the limit) into /tmp
# covers: memory limits dodged (tmpfs pages in /tmp)
# expect: MEMORY_LIMIT|ERROR
import os

MARKER = "{{MARKER}}"
chunk = b"\x5a" * (15 << 20)
os.makedirs("/tmp/" + MARKER, exist_ok=True)
for i in range(70):
    with open("/tmp/%s/fill-%d" % (MARKER, i), "wb") as f:
        f.write(chunk)
print("DODGED the memory limit with 1 GiB in /tmp")
