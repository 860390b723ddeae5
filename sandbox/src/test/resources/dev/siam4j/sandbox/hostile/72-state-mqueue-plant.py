# hostile: leaves a POSIX message queue holding its marker for the next program
# covers: state passing (POSIX message queues)
# expect: OK|ERROR
import ctypes
import os

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
mqd = libc.mq_open(b"/siam4j-hostile-queue", os.O_CREAT | os.O_RDWR, 0o666, None)
if mqd < 0:
    raise OSError(ctypes.get_errno(), "mq_open refused")
if libc.mq_send(mqd, MARKER.encode(), len(MARKER), 0) != 0:
    raise OSError(ctypes.get_errno(), "mq_send refused")
print("planted a message queue")
