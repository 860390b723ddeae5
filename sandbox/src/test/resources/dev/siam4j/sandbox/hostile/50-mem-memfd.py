# hostile: holds 1 GiB (twice the limit) in 100 memfds of 10 MiB each, which no per-process address-space limit sees
# covers: memory limits dodged (memfd)
# expect: MEMORY_LIMIT|ERROR
import os

MARKER = "{{MARKER}}"
chunk = b"\x5a" * (10 << 20)
fds = []
for i in range(100):
    fd = os.memfd_create("%s-%d" % (MARKER, i))
    os.write(fd, chunk)
    fds.append(fd)
print("DODGED the memory limit with", len(fds), "memfds")
