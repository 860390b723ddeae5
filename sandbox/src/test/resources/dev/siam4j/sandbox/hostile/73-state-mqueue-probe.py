# hostile: opens the POSIX message queue an earlier program left and reads its message
# covers: state passing (POSIX message queues read by a later program)
# expect: OK|ERROR
# stdout-lacks: FOUND
import ctypes
import os

MARKER = "{{MARKER}}"
RUN_A, RUN_B = "{{RUN_A}}", "{{RUN_B}}"
libc = ctypes.CDLL(None, use_errno=True)
mqd = libc.mq_open(b"/siam4j-hostile-queue", os.O_RDONLY | os.O_NONBLOCK)
if mqd < 0:
    print("no queue left", ctypes.get_errno())
else:
    buf = ctypes.create_string_buffer(1 << 16)
    n = libc.mq_receive(mqd, buf, len(buf), None)
    data = buf.raw[:max(n, 0)]
    at = data.find(RUN_A.encode())
    if at >= 0 and data[at + len(RUN_A):].startswith(RUN_B.encode()):
        print("FOUND an earlier program's message")
    else:
        print("queue left behind, message:", data[:40])
