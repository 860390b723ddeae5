# hostile: checks whether it runs as root or in root's groups
# covers: privilege (never root)
# expect: OK
# reuse: OK
# stdout-lacks: ROOT
import os

MARKER = "{{MARKER}}"
ids = os.getresuid() + os.getresgid()
print("ids", ids, "groups", os.getgroups())
if 0 in ids or 0 in os.getgroups():
    print("ROOT")
