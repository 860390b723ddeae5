# hostile: POSIX shared memory (shm_open): 80 objects of 14 MiB (each under the file-size limit), 1.1 GiB written through and closed (a full sized /dev/shm answers a write through the mapping with SIGBUS: KILLED)
# covers: memory limits dodged (POSIX shared memory)
# expect: MEMORY_LIMIT|ERROR|KILLED
from multiprocessing import shared_memory

MARKER = "{{MARKER}}"
size = 14 << 20
chunk = b"\x5a" * (14 << 20)
for i in range(80):
    shm = shared_memory.SharedMemory(name="%s-%d" % (MARKER, i), create=True, size=size)
    for off in range(0, size, len(chunk)):
        shm.buf[off:off + len(chunk)] = chunk
    shm.close()
print("DODGED the memory limit with 1.1 GiB of POSIX shared memory")
