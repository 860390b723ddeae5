# hostile: lists network interfaces and routes to find a way out beyond loopback
# covers: network (namespace)
# expect: OK|ERROR
# stdout-lacks: INTERFACE
# stdout-has: DONE
import os
import socket

MARKER = "{{MARKER}}"
try:
    for index, name in socket.if_nameindex():
        if name != "lo":
            print("INTERFACE", name)
except OSError as e:
    print("no interfaces", e)
try:
    with open("/proc/net/route") as f:
        rows = f.read().splitlines()[1:]
    for row in rows:
        print("INTERFACE route", row.split()[0])
except OSError:
    pass
print("DONE")
