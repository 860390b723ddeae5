# Runs the worker script's seccomp program, as the kernel would, on system calls given as JSON.
#   python3 emulate.py ZYGOTE_PY MACHINE '[[nr, [args...], arch_or_null], ...]'
# Prints one JSON list: per call "allow", "kill" or "errno NAME". Only the filter's definitions are
# taken from the worker script (it is not run), so any machine's filter can be checked here.
import ast
import errno
import json
import os
import struct
import sys

script, machine, calls = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
NEEDED = {"_DENIED", "_ARCHES", "_SOCKET", "_SOCKET_FAMILIES", "_AF_NETLINK", "_NETLINK_ROUTE",
          "_NAMESPACE_FLAGS", "_CLONE3"}


def names(target):
    if isinstance(target, ast.Name):
        return [target.id]
    return [e.id for e in getattr(target, "elts", []) if isinstance(e, ast.Name)]


tree = ast.parse(open(script).read())
body = [n for n in tree.body if isinstance(n, ast.Assign)
        and any(x in NEEDED for t in n.targets for x in names(t))]
body += [n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "_seccomp_program"]


class _Uname:
    def __init__(self, machine):
        self.machine = machine


fake_os = type(sys)("os")
fake_os.uname = lambda: _Uname(machine)
space = {"os": fake_os, "errno": errno, "struct": struct}
exec(compile(ast.Module(body=body, type_ignores=[]), script, "exec"), space)
program, length = space["_seccomp_program"]()
ops = [struct.unpack_from("=HBBI", program, i * 8) for i in range(length)]
native_arch = space["_ARCHES"][machine][1]


def run(nr, args, arch):
    # struct seccomp_data: int nr, u32 arch, u64 instruction_pointer, u64 args[6]
    data = struct.pack("=iIQ6Q", nr, arch, 0, *(list(args) + [0] * (6 - len(args))))
    pc, acc = 0, 0
    while True:
        code, jt, jf, k = ops[pc]
        if code == 0x20:  # BPF_LD | BPF_W | BPF_ABS
            acc = struct.unpack_from("=I", data, k)[0]
            pc += 1
        elif code == 0x15:  # BPF_JMP | BPF_JEQ | BPF_K
            pc += 1 + (jt if acc == k else jf)
        elif code == 0x35:  # BPF_JMP | BPF_JGE | BPF_K
            pc += 1 + (jt if acc >= k else jf)
        elif code == 0x45:  # BPF_JMP | BPF_JSET | BPF_K
            pc += 1 + (jt if acc & k else jf)
        elif code == 0x06:  # BPF_RET | BPF_K
            return k
        else:
            raise ValueError("instruction %d: unknown opcode %#x" % (pc, code))


def action(value):
    if value == 0x7FFF0000:
        return "allow"
    if value == 0x80000000:
        return "kill"
    if value & 0xFFFF0000 == 0x00050000:
        return "errno " + errno.errorcode[value & 0xFFFF]
    return "unknown %#x" % value


print(json.dumps([action(run(nr, args, native_arch if arch is None else arch))
                  for nr, args, arch in calls]))
