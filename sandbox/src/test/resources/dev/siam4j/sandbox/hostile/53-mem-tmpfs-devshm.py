# hostile: writes 1 GiB of files (twice the limit) into /dev/shm
# covers: memory limits dodged (tmpfs pages in /dev/shm)
# expect: MEMORY_LIMIT|ERROR
MARKER = "{{MARKER}}"
chunk = b"\x5a" * (15 << 20)
for i in range(70):
    with open("/dev/shm/%s-%d" % (MARKER, i), "wb") as f:
        f.write(chunk)
print("DODGED the memory limit with 1 GiB in /dev/shm")
