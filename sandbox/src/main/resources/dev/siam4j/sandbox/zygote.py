# siam4j sandbox worker ("zygote"). Started by dev.siam4j.sandbox.Zygote, never by hand.
#
# It imports what math programs use once, then serves requests from the JVM over its stdin/stdout:
# a request is one JSON header line followed by the program's bytes; a reply is one JSON header
# line followed by the raw stdout and stderr bytes whose lengths the header gives.
#
# In "isolated" mode every program runs in a forked child; the zygote itself never runs program
# code, and never holds a program's source or output in memory that a child inherits: both travel
# through buffers mapped with MADV_DONTFORK. Confined, the zygote is PID 1 of its namespace and,
# once warm, splits into a fork server, which forks every child and never sees a program's data
# (not even an exit status or an output length), and a supervisor, which serves the JVM (see
# _start_fork_server). When "confined" (inside bubblewrap, as root there),
# the child joins the worker's cgroups, gets its own mount and IPC namespaces with fresh sized
# tmpfs at /tmp and /dev/shm, a fresh session keyring, rlimits, an unprivileged uid without
# capabilities and a seccomp filter, and only then reads its program. It reports that its setup
# succeeded on a pipe that it closes before the program runs; everything else the zygote reports
# (exit status, signals, CPU time, the memory controller's counters, the deadline) is the zygote's
# own evidence. In "reuse" mode programs run in this process, which confines itself the same way
# once at start (weaker isolation between programs; see SandboxMode.REUSE).
import os
import sys

_CONFIG = __import__("json").loads(sys.argv[1])
_PROTO_IN = os.dup(0)
_PROTO_OUT = os.dup(1)
_DEVNULL = os.open(os.devnull, os.O_RDWR)
os.dup2(_DEVNULL, 0)
os.dup2(2, 1)  # stray prints of imported libraries must not corrupt the protocol

import ctypes
import errno
import gc
import json
import mmap
import resource
import select
import signal
import struct
import time
import traceback
import types
import builtins
import io

_preloaded, _failed = [], []
for _name in _CONFIG["preload"]:
    try:
        __import__(_name)
        _preloaded.append(_name)
    except Exception as _e:  # a missing optional library is reported, not fatal
        _failed.append(_name + ": " + type(_e).__name__ + ": " + str(_e))

# Exercise the preloaded libraries once so that their lazy imports and caches are warm in every
# forked child: without this the first sympy.solve in each child costs seconds, not milliseconds.
_WARMUP = {
    "sympy": """
import sympy
x, y = sympy.symbols('x y')
sympy.solve(x**2 - 5*x + 6, x)
sympy.solve([x + y - 3, x - y - 1], [x, y])
sympy.solveset(x**2 - 4, x, domain=sympy.S.Reals)
sympy.simplify(sympy.sin(x)**2 + sympy.cos(x)**2)
sympy.factor(x**2 - 1); sympy.expand((x + 1)**3); sympy.diff(x**3, x)
sympy.integrate(x**2, (x, 0, 1)); sympy.limit(sympy.sin(x) / x, x, 0)
sympy.Rational(1, 3) + sympy.Rational(1, 6); sympy.nsimplify(0.5); sympy.N(sympy.pi, 20)
sympy.Matrix([[1, 2], [3, 4]]).det(); sympy.isprime(97); sympy.factorint(360)
sympy.binomial(10, 3); sympy.sqrt(8); sympy.Eq(x, 1); sympy.latex(x**2); str(x**2 / 3)
""",
    "numpy": """
import numpy as np
a = np.arange(10.0)
np.linalg.solve(np.eye(2), np.ones(2)); a.sum(); a.mean(); np.sqrt(a); np.round(a, 2); str(a)
np.roots([1, -3, 2]); np.polyfit([0, 1, 2], [1, 3, 5], 1); np.percentile(a, 50); np.std(a)
np.random.default_rng(0).integers(0, 10, 3)
""",
    "statistics": """
import statistics
statistics.mean([1, 2, 3]); statistics.median([1, 2, 3]); statistics.stdev([1, 2, 3])
""",
}
for _name in _preloaded:
    if _name in _WARMUP:
        try:
            exec(compile(_WARMUP[_name], "<warmup>", "exec"), {"__name__": "__warmup__"})
        except Exception as _e:
            _failed.append(_name + " warm-up: " + type(_e).__name__ + ": " + str(_e))

_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1
_PR_SET_SECCOMP = 22
_PR_SET_CHILD_SUBREAPER = 36
_PR_SET_NO_NEW_PRIVS = 38
_SECCOMP_MODE_FILTER = 2
_CLONE_NEWNS = 0x00020000
_CLONE_NEWIPC = 0x08000000
_MS_NOSUID, _MS_NODEV, _MS_NOEXEC, _MS_REC, _MS_PRIVATE = 2, 4, 8, 1 << 14, 1 << 18
_KEYCTL_JOIN_SESSION_KEYRING = 1

LIMITS = _CONFIG["limits"]
MODE = _CONFIG["mode"]
CONFINED = _CONFIG["confined"]
CGROUP = _CONFIG["cgroup"]  # 0: none, 1: v1 memory + pids, 2: v2
BLOCK_SOCKETS = _CONFIG["blockSockets"]
# cgroup files the launcher opened for us (see ZygoteCommand): join memory, join pids, the pids
# counter, the OOM-kill counter, the failure counter
_CG_STAT, _CG_JOIN_MEM, _CG_JOIN_PIDS, _CG_PROCS, _CG_EVENTS, _CG_FAILCNT = 4, 5, 6, 7, 8, 9
_IDLE_SHMEM = 0
ROOT = os.geteuid() == 0 and _CONFIG["dropUid"]  # programs run as a dedicated uid
UID = _CONFIG["uid"] if ROOT else os.geteuid()
GID = _CONFIG["uid"] if ROOT else os.getegid()
WORK_BASE = _CONFIG["workBase"]
SELF = os.getpid()
PROGRAM = "<program>"
CLEAN_ENV = {
    "PATH": "/usr/local/bin:/usr/bin:/bin",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
    "OPENBLAS_NUM_THREADS": "1",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "PYTHONIOENCODING": "utf-8",
}


def _own_processes():
    """Processes and threads of our uid now: RLIMIT_NPROC counts them too when we keep our uid."""
    count = 0
    me = str(os.geteuid())
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open("/proc/%s/status" % name) as f:
                    lines = f.read().splitlines()
            except OSError:
                continue
            uid = [l for l in lines if l.startswith("Uid:")]
            thr = [l for l in lines if l.startswith("Threads:")]
            if uid and uid[0].split()[1] == me:
                count += int(thr[0].split()[1]) if thr else 1
    return count


NPROC = LIMITS["processes"] if ROOT or CONFINED else LIMITS["processes"] + _own_processes()


def _check(result, what):
    if result != 0:
        err = ctypes.get_errno()
        raise OSError(err, what + ": " + os.strerror(err))


def _prctl(option, value, arg3=0):
    return _LIBC.prctl(ctypes.c_int(option), ctypes.c_ulong(value), arg3, ctypes.c_ulong(0),
                       ctypes.c_ulong(0))


# ---------------------------------------------------------------------------------------------
# seccomp: a raw BPF filter, built once here and installed in every child (no library needed)
# ---------------------------------------------------------------------------------------------

_DENIED = {
    # name: (x86_64, aarch64)
    "ptrace": (101, 117), "syslog": (103, 116), "pivot_root": (155, 41), "chroot": (161, 51),
    "acct": (163, 89), "mount": (165, 40), "umount2": (166, 39), "swapon": (167, 224),
    "swapoff": (168, 225), "reboot": (169, 142), "sethostname": (170, 161),
    "setdomainname": (171, 162), "iopl": (172, None), "ioperm": (173, None),
    "init_module": (175, 105), "delete_module": (176, 106), "quotactl": (179, 60),
    "kexec_load": (246, 104), "add_key": (248, 217), "request_key": (249, 218),
    "keyctl": (250, 219), "unshare": (272, 97), "perf_event_open": (298, 241),
    "name_to_handle_at": (303, 264), "open_by_handle_at": (304, 265), "setns": (308, 268),
    "process_vm_readv": (310, 270), "process_vm_writev": (311, 271), "kcmp": (312, 272),
    "finit_module": (313, 273), "kexec_file_load": (320, 294), "bpf": (321, 280),
    "userfaultfd": (323, 282), "open_tree": (428, 428), "move_mount": (429, 429),
    "fsopen": (430, 430), "fsconfig": (431, 431), "fsmount": (432, 432), "fspick": (433, 433),
    "mount_setattr": (442, 442), "fanotify_init": (300, 262), "lookup_dcookie": (212, 18),
    "io_uring_setup": (425, 425), "io_uring_enter": (426, 426), "io_uring_register": (427, 427),
    "vmsplice": (278, 75), "mbind": (237, 235), "migrate_pages": (256, 238),
    "move_pages": (279, 239), "set_mempolicy": (238, 237),
    "modify_ldt": (154, None), "uselib": (134, None), "pidfd_getfd": (438, 438),
    "process_madvise": (440, 440),
}
_ARCHES = {"x86_64": (0, 0xC000003E, 56), "aarch64": (1, 0xC00000B7, 220)}
_SOCKET = {"x86_64": (41, 53), "aarch64": (198, 199)}  # socket, socketpair
# socket families a program may open (socket, socketpair): Unix, IPv4 and IPv6, all within the
# worker's own network namespace, and netlink for route and interface queries there
# (NETLINK_ROUTE only: not the host's device events, not generic netlink). Every other family,
# AF_VSOCK above all (the hypervisor's channel to its host, which no network namespace covers),
# fails as if the kernel lacked it.
_SOCKET_FAMILIES = (1, 2, 10)
_AF_NETLINK, _NETLINK_ROUTE = 16, 0
_NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 \
    | 0x40000000
_CLONE3 = 435


def _seccomp_program():
    machine = os.uname().machine
    if machine not in _ARCHES:
        raise OSError(errno.ENOSYS, "no seccomp filter for the architecture " + machine)
    column, arch, clone = _ARCHES[machine]
    ld, jeq, jge, jset, ret = 0x20, 0x15, 0x35, 0x45, 0x06
    allow, kill = 0x7FFF0000, 0x80000000
    eperm, enosys = 0x00050000 | errno.EPERM, 0x00050000 | errno.ENOSYS
    eafnosupport = 0x00050000 | errno.EAFNOSUPPORT
    eprotonosupport = 0x00050000 | errno.EPROTONOSUPPORT
    code = [(ld, 0, 0, 4), (jeq, 1, 0, arch), (ret, 0, 0, kill), (ld, 0, 0, 0)]
    if machine == "x86_64":  # the x32 ABI's numbers would bypass every rule below
        code += [(jge, 0, 1, 0x40000000), (ret, 0, 0, enosys)]
    code += [(jeq, 0, 1, _CLONE3), (ret, 0, 0, enosys)]  # its flags are out of a filter's reach
    for numbers in _DENIED.values():
        if numbers[column] is not None:
            code += [(jeq, 0, 1, numbers[column]), (ret, 0, 0, eperm)]
    # socket() and socketpair(): the family is the first argument, the protocol the third; an
    # allowed family jumps to the final allow, netlink only with NETLINK_ROUTE
    families = len(_SOCKET_FAMILIES)
    socket_nr, socketpair_nr = _SOCKET[machine]
    code += [(jeq, 1, 0, socket_nr), (jeq, 0, families + 7, socketpair_nr), (ld, 0, 0, 16)]
    code += [(jeq, families + 4 - i, 0, f) for i, f in enumerate(_SOCKET_FAMILIES)]
    code += [(jeq, 0, 3, _AF_NETLINK), (ld, 0, 0, 32), (jeq, 2, 0, _NETLINK_ROUTE),
             (ret, 0, 0, eprotonosupport), (ret, 0, 0, eafnosupport), (ret, 0, 0, allow)]
    code += [(jeq, 0, 4, clone), (ld, 0, 0, 16), (jset, 0, 1, _NAMESPACE_FLAGS),
             (ret, 0, 0, eperm), (ret, 0, 0, allow), (ret, 0, 0, allow)]
    return b"".join(struct.pack("=HBBI", *op) for op in code), len(code)


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


if CONFINED:
    _FILTER_BYTES, _FILTER_LEN = _seccomp_program()
    _FILTER_BUF = ctypes.create_string_buffer(_FILTER_BYTES, len(_FILTER_BYTES))
    _FILTER = _SockFprog(_FILTER_LEN, ctypes.addressof(_FILTER_BUF))
    _KEYCTL_NR = {"x86_64": 250, "aarch64": 219}[os.uname().machine]


def _install_seccomp():
    _check(_prctl(_PR_SET_NO_NEW_PRIVS, 1), "no_new_privs")
    _check(_LIBC.prctl(ctypes.c_int(_PR_SET_SECCOMP), ctypes.c_ulong(_SECCOMP_MODE_FILTER),
                       ctypes.byref(_FILTER), ctypes.c_ulong(0), ctypes.c_ulong(0)), "seccomp")


def _drop_privileges():
    if ROOT:
        os.setgroups([])
        os.setresgid(GID, GID, GID)
        os.setresuid(UID, UID, UID)  # leaving uid 0 clears every capability


def _mount_tmpfs(target, size, extra=""):
    options = "size=%d,nr_inodes=%d,mode=0700,uid=%d,gid=%d%s" % (
        size, LIMITS["tmpInodes"], UID, GID, extra)
    _check(_LIBC.mount(b"tmpfs", target.encode(), b"tmpfs",
                       ctypes.c_ulong(_MS_NOSUID | _MS_NODEV), options.encode()),
           "mount " + target)


def _confine_namespaces():
    """A fresh mount and IPC namespace, fresh sized tmpfs, a fresh session keyring."""
    _check(_LIBC.unshare(_CLONE_NEWNS | _CLONE_NEWIPC), "unshare")
    _check(_LIBC.mount(b"none", b"/", None, ctypes.c_ulong(_MS_REC | _MS_PRIVATE), None),
           "make / private")
    _mount_tmpfs("/tmp", LIMITS["tmpBytes"])
    _mount_tmpfs("/dev/shm", LIMITS["tmpBytes"])
    if _LIBC.syscall(ctypes.c_long(_KEYCTL_NR), ctypes.c_long(_KEYCTL_JOIN_SESSION_KEYRING),
                     None) < 0:
        err = ctypes.get_errno()
        if err != errno.ENOSYS:  # a kernel without keys has nothing to share either
            raise OSError(err, "new session keyring: " + os.strerror(err))


def _set_oom_score(value):
    try:
        fd = os.open("/proc/self/oom_score_adj", os.O_WRONLY)
        try:
            os.write(fd, value.encode())
        finally:
            os.close(fd)
    except OSError:
        if value != "-1000":
            raise


def _join_cgroups():
    if CGROUP:
        os.write(_CG_JOIN_MEM, b"0")
        if CGROUP == 1:
            os.write(_CG_JOIN_PIDS, b"0")


def _cgroup_read(fd):
    return os.pread(fd, 1 << 16, 0).decode()


def _cgroup_counter(fd, key):
    for line in _cgroup_read(fd).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[0] == key:
            return int(parts[1])
    return 0


def _memory_evidence():
    """(OOM kills, limit hits) in the worker's memory cgroup so far."""
    oom = _cgroup_counter(_CG_EVENTS, "oom_kill")
    if CGROUP == 1:
        hits = int(_cgroup_read(_CG_FAILCNT).strip() or 0)
    else:
        hits = _cgroup_counter(_CG_EVENTS, "max")
    return oom, hits


def _cgroup_shmem():
    """Shared memory (tmpfs, SysV and POSIX shared memory, memfd) charged to the group."""
    return _cgroup_counter(_CG_STAT, "shmem")


def _memory_released(budget=2.0):
    """Waits until what the program held is given back: an IPC namespace (and its shared memory)
    is freed by the kernel shortly after its last process, still charged to the group meanwhile.
    False when it is not within the budget (the worker is then replaced)."""
    limit = _IDLE_SHMEM + (16 << 20)
    end = time.monotonic() + budget
    while _cgroup_shmem() > limit:
        if time.monotonic() > end:
            return False
        time.sleep(0.002)
    return True


def _cgroup_tasks():
    """Tasks in the worker's pids cgroup (a counter: cgroup.procs of v1 is cached for a second)."""
    return int(_cgroup_read(_CG_PROCS).strip() or 0)


# ---------------------------------------------------------------------------------------------
# the protocol
# ---------------------------------------------------------------------------------------------

def _write_all(fd, data):
    view = memoryview(data)
    while view:
        n = os.write(fd, view)
        view = view[n:]


def _write_reply(header, out=b"", err=b""):
    header["out"] = len(out)
    header["err"] = len(err)
    _write_all(_PROTO_OUT, json.dumps(header).encode() + b"\n")
    if len(out):
        _write_all(_PROTO_OUT, out)
    if len(err):
        _write_all(_PROTO_OUT, err)


def _read_header():
    """One request line, read a byte at a time so that nothing after it lands in our heap."""
    line = bytearray()
    while True:
        b = os.read(_PROTO_IN, 1)
        if not b:
            return None
        if b == b"\n":
            return json.loads(bytes(line))
        line += b


def _private_buffer(size):
    """Memory that forked children do not inherit (programs' sources and outputs live here)."""
    buf = mmap.mmap(-1, max(size, 1), flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    buf.madvise(mmap.MADV_DONTFORK)
    return buf


def _read_into(fd, buf, size):
    view = memoryview(buf)
    got = 0
    while got < size:
        n = os.readv(fd, [view[got:size]])
        if n == 0:
            raise EOFError("the request was cut short")
        got += n
    view.release()


def _read_code(size):
    buf = _private_buffer(size)
    _read_into(_PROTO_IN, buf, size)
    return buf


def _error_of(exc):
    """Reuse mode only: the program's uncaught exception (isolated mode parses its stderr)."""
    line = 0
    if isinstance(exc, SyntaxError) and exc.filename == PROGRAM:
        line = exc.lineno or 0
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == PROGRAM:
            line = tb.tb_lineno
        tb = tb.tb_next
    try:
        message = str(exc) if not isinstance(exc, SyntaxError) else (exc.msg or "")
    except Exception:
        message = ""
    return {"type": type(exc).__name__, "message": message[:2000], "line": line,
            "memory": isinstance(exc, MemoryError)}


def _print_program_traceback(exc):
    """The traceback from the program's first frame: the sandbox's own frames are not shown."""
    tb = exc.__traceback__
    while tb is not None and tb.tb_frame.f_code.co_filename != PROGRAM:
        tb = tb.tb_next
    try:
        traceback.print_exception(type(exc), exc, tb)
    except BaseException:
        pass


def _block_sockets():
    import socket as _socket

    def hook(event, args):
        if event == "socket.__new__" and args and args[1] != _socket.AF_UNIX:
            raise PermissionError(errno.EACCES, "network access is disabled in this sandbox")
        if event in ("socket.connect", "socket.bind", "socket.sendto", "socket.sendmsg"):
            raise PermissionError(errno.EACCES, "network access is disabled in this sandbox")

    sys.addaudithook(hook)


def _fresh_main():
    main = types.ModuleType("__main__")
    main.__dict__["__builtins__"] = builtins
    main.__dict__["__file__"] = PROGRAM
    sys.modules["__main__"] = main
    sys.argv = [PROGRAM]
    return main.__dict__


def _reseed(code):
    import random
    random.seed()
    np = sys.modules.get("numpy")
    if np is not None and b"random" in code:  # reseeding numpy costs more than most programs
        try:
            np.random.seed()
        except Exception:
            pass


def _mem_total():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


_MEM_TOTAL = _mem_total()


def _apply_rlimits(cpu=True):
    # with cgroups the memory controller limits the whole tree; the address space is only capped
    # (generously) so that an absurd allocation fails at once instead of faulting forever
    memory = max(LIMITS["memoryBytes"] * 4, _MEM_TOTAL) if CGROUP else LIMITS["memoryBytes"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    stack = 8 << 20
    resource.setrlimit(resource.RLIMIT_STACK, (stack, stack))
    if cpu:
        seconds = LIMITS["cpuSeconds"]
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMITS["fileSizeBytes"], LIMITS["fileSizeBytes"]))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
    resource.setrlimit(resource.RLIMIT_NPROC, (NPROC, NPROC))


# ---------------------------------------------------------------------------------------------
# isolated mode: the child
# ---------------------------------------------------------------------------------------------

_CODE_FD, _SETUP_FD = 3, 4


def _child(code_r, out_w, err_w, setup_w, workdir):
    report = setup_w
    try:
        os.setsid()
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        if CGROUP:
            # the worker is in the cgroup already (so that no fork pays for a migration): the
            # program's processes must be the OOM killer's first choice, never the worker
            _set_oom_score("1000")
        if CONFINED:
            _confine_namespaces()
        os.dup2(_DEVNULL, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.dup2(code_r, _CODE_FD)
        os.dup2(setup_w, _SETUP_FD)
        report = _SETUP_FD
        os.closerange(_SETUP_FD + 1, 1 << 16)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if signal.getitimer(signal.ITIMER_REAL)[0]:
            signal.setitimer(signal.ITIMER_REAL, 0)
        _apply_rlimits()
        os.chdir(workdir)
        _drop_privileges()
        os.umask(0o022)
        os.environ.clear()
        os.environ.update(CLEAN_ENV)
        os.environ["HOME"] = workdir
        os.environ["TMPDIR"] = workdir
        import tempfile
        tempfile.tempdir = None
        if CONFINED:
            _install_seccomp()
        chunks = []
        while True:
            chunk = os.read(_CODE_FD, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
        os.close(_CODE_FD)
        code = b"".join(chunks)
        _reseed(code)
        if BLOCK_SOCKETS:
            _block_sockets()
        sys.stdin = open(0, "r", closefd=False)
        sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
        sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False,
                          buffering=1)
        sys.__stdout__, sys.__stderr__, sys.__stdin__ = sys.stdout, sys.stderr, sys.stdin
        sys.path[0:0] = [workdir]
        namespace = _fresh_main()
        # the last thing the sandbox says: from here on, whatever happens is the program's doing
        os.write(_SETUP_FD, b"K")
        os.close(_SETUP_FD)
    except BaseException as e:
        try:
            os.write(report, ("E%s: %s" % (type(e).__name__, e)).encode()[:4000])
        finally:
            os._exit(120)

    status = 0
    try:
        exec(compile(code, PROGRAM, "exec"), namespace)
    except SystemExit as e:
        status = _exit_status(e)
    except BaseException as e:
        status = 1
        _print_program_traceback(e)
    try:
        import threading
        threading._shutdown()  # like a real interpreter: wait for non-daemon threads
    except BaseException:
        pass
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BaseException:
            pass
    if not _fd_open(1):
        try:
            os.write(2, _STDOUT_CLOSED)
        except OSError:
            pass
        status = status or 1
        time.sleep(0.05)  # lets the worker see stdout close while this process still lives
    os._exit(status)


_STDOUT_CLOSED = b"siam4j: the program closed its stdout; what it printed after that is lost\n"


def _fd_open(fd):
    try:
        os.fstat(fd)
        return True
    except OSError:
        return False


def _exit_status(e):
    code = e.code
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    try:
        sys.stderr.write(str(code) + "\n")
    except BaseException:
        pass
    return 1


# ---------------------------------------------------------------------------------------------
# isolated mode: the zygote's side
# ---------------------------------------------------------------------------------------------

_counter = 0
_HAS_PIDFD = hasattr(os, "pidfd_open")
_PF_EXITING = 0x4
_OUT_BUF = _ERR_BUF = None


def _children_of(me):
    found = []
    try:
        names = os.listdir("/proc")
    except OSError:
        return found
    for name in names:
        if not name.isdigit():
            continue
        try:
            with open("/proc/" + name + "/stat", "rb") as f:
                data = f.read()
        except OSError:
            continue
        fields = data[data.rfind(b")") + 2:].split()
        if len(fields) > 1 and int(fields[1]) == me:
            found.append(int(name))
    return found


def _reap():
    if _CTL is not None:
        _server_call(b"R")
        return
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _reap_all(budget=5.0):
    """Kills and reaps everything the program left; True once nothing is left.

    Orphans come to us (we are a subreaper); with cgroups, every process of the program is in
    the worker's cgroup, whatever it did to its parentage or session."""
    end = time.monotonic() + budget
    while True:
        _reap()
        # the worker itself and its threads are in the group too
        members = _cgroup_tasks() - threading_count() - _SERVER_TASKS if CGROUP else 0
        # with cgroups every process of the program is counted, so /proc need not be scanned
        children = [] if CGROUP and members <= 0 else _children_of(SELF)
        if members <= 0 and not children:
            return True
        if time.monotonic() > end:
            return False
        if CONFINED:
            # the worker's PID namespace holds only its init, this process and the program's:
            # one signal to all of them at once, which no fork can outrun
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
            time.sleep(0.001)
            continue
        for pid in children:
            for target in (-pid, pid):
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass
        time.sleep(0.001)


def threading_count():
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("Threads:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 1


def _exiting(pid):
    """Whether the process has begun to exit (so that its fds are being closed by the kernel)."""
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            data = f.read()
    except OSError:
        return True
    fields = data[data.rfind(b")") + 2:].split()
    return fields[0] in (b"Z", b"X") or int(fields[6]) & _PF_EXITING != 0


def _remove_tree(path, budget):
    """Removes a folder iteratively, however deep, whatever its permissions, within a budget.

    Every sub-folder is moved up to the top before it is emptied, so no path grows long and no
    recursion is needed. Returns whether the folder is gone."""
    end = time.monotonic() + budget
    try:
        top = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
    except FileNotFoundError:
        return True
    except OSError:
        return False
    n = 0
    try:
        os.fchmod(top, 0o700)
        pending = [None]  # None: the top folder itself
        while pending:
            if time.monotonic() > end:
                return False
            name = pending.pop()
            fd = top if name is None else os.open(
                name, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=top)
            try:
                if fd != top:
                    os.fchmod(fd, 0o700)
                for entry in os.scandir(fd):
                    if entry.is_dir(follow_symlinks=False):
                        if fd == top:
                            pending.append(entry.name)
                        else:
                            n += 1
                            moved = ".siam4j-rm-%d" % n
                            os.rename(entry.name, moved, src_dir_fd=fd, dst_dir_fd=top)
                            pending.append(moved)
                    else:
                        os.unlink(entry.name, dir_fd=fd)
            finally:
                if fd != top:
                    os.close(fd)
            if name is not None:
                try:
                    os.rmdir(name, dir_fd=top)
                except OSError:
                    pending.insert(0, name)  # something new appeared: visit it again later
        os.close(top)
        top = -1
        os.rmdir(path)
        return True
    except OSError:
        return False
    finally:
        if top >= 0:
            os.close(top)


_NEXT = None  # the child forked ahead of the next request, waiting for its program


def _prepare():
    """Forks the next program's child before its request is read: the child sets itself up (the
    costly part: namespaces, tmpfs, cgroup, seccomp) while the worker waits, and then blocks until
    its program arrives. The worker holds no program's source or output where a child inherits it
    anyway; forking first also keeps the next program's source out of this child's reach."""
    global _counter, _NEXT
    _counter += 1
    if CONFINED:
        workdir = "/tmp"
    else:
        workdir = os.path.join(WORK_BASE, "p%d" % _counter)
        os.mkdir(workdir, 0o700)
        if ROOT:
            os.chown(workdir, UID, GID)
    if _CTL is not None:
        pid, (out_r, err_r, code_w, setup_r) = _server_fork()
    else:
        pid, (out_r, err_r, code_w, setup_r) = _fork_child(workdir)
    _NEXT = (pid, workdir, out_r, err_r, code_w, setup_r)


def _fork_child(workdir, close=()):
    """Forks a program's child; returns its pid and our ends of its pipes (stdout, stderr, code,
    setup report)."""
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    code_r, code_w = os.pipe()
    setup_r, setup_w = os.pipe()
    pid = os.fork()
    if pid == 0:
        for fd in (code_w,) + tuple(close):
            os.close(fd)
        _child(code_r, out_w, err_w, setup_w, workdir)
        os._exit(121)
    for fd in (out_w, err_w, code_r, setup_w):
        os.close(fd)
    return pid, (out_r, err_r, code_w, setup_r)


def _run_isolated(size):
    global _NEXT, _OUT_BUF, _ERR_BUF
    code = _read_code(size)
    cap = LIMITS["outputBytes"]
    if _OUT_BUF is None:
        _OUT_BUF, _ERR_BUF = _private_buffer(cap + 1), _private_buffer(cap + 1)
    if _NEXT is None:
        _prepare()
    pid, workdir, out_r, err_r, code_w, setup_r = _NEXT
    _NEXT = None
    if CGROUP:
        if CGROUP == 1:
            try:
                os.pwrite(_CG_FAILCNT, b"0", 0)
            except OSError:
                pass
        mem_before = _memory_evidence()
    start = time.monotonic()
    try:
        _write_all(code_w, memoryview(code)[:size])
    except OSError:
        pass  # the child died before reading it: its setup report says why
    os.close(code_w)
    code.close()
    pidfd = os.pidfd_open(pid) if _HAS_PIDFD else None
    lengths = {out_r: 0, err_r: 0}
    buffers = {out_r: memoryview(_OUT_BUF), err_r: memoryview(_ERR_BUF)}
    setup = bytearray()
    open_fds = [out_r, err_r, setup_r]
    deadline = start + LIMITS["wallSeconds"]
    timed_out = output_limit = cancelled = stdout_closed = False
    status = usage = None
    while True:
        if status is not None and not open_fds:
            break
        now = time.monotonic()
        if now >= deadline:
            timed_out = status is None
            break
        watch = open_fds + [_PROTO_IN]
        if pidfd is not None and status is None:
            watch.append(pidfd)
        wait = deadline - now
        if pidfd is None and status is None:
            wait = min(wait, 0.002)
        ready, _, _ = select.select(watch, [], [], wait)
        if _PROTO_IN in ready:
            cancelled = True
            break
        for fd in ready:
            if fd == setup_r:
                chunk = os.read(fd, 4096)
                if chunk and len(setup) < 4096:
                    setup += chunk
                if not chunk:
                    open_fds.remove(fd)
                    os.close(fd)
                continue
            if fd not in lengths or fd not in open_fds:
                continue
            room = cap - lengths[out_r] - lengths[err_r]
            pos = lengths[fd]
            n = os.readv(fd, [buffers[fd][pos:pos + min(1 << 16, room + 1)]])
            if n == 0:
                open_fds.remove(fd)
                if fd == out_r and status is None and not _exiting(pid):
                    stdout_closed = True
                continue
            if n > room:
                lengths[fd] = pos + room
                output_limit = True
            else:
                lengths[fd] = pos + n
        if output_limit:
            break
        if status is None and (pidfd is None or pidfd in ready):
            got, raw, ru = _wait(pid, block=False)
            if got == pid:
                status, usage = raw, ru
                # descendants may hold the pipes open: stop them, then drain what is left
                _kill_group(pid)
                _reap_all()
    if status is None:
        status, usage = _stop(pid, pidfd, graceful=timed_out)
    elapsed = time.monotonic() - start
    for fd in list(open_fds):
        if fd in lengths:
            _drain(fd, buffers, lengths, out_r, err_r, cap)
        else:
            try:
                setup += os.read(fd, 4096) if select.select([fd], [], [], 0)[0] else b""
            except OSError:
                pass
    for fd in (out_r, err_r, setup_r):
        try:
            os.close(fd)
        except OSError:
            pass
    for view in buffers.values():
        view.release()
    if pidfd is not None:
        os.close(pidfd)
    clean = _reap_all()
    if CGROUP:
        clean = _memory_released() and clean
    if not CONFINED:
        clean = _remove_tree(workdir, 10.0) and clean
    header = {"elapsed": elapsed, "timeout": timed_out, "outputLimit": output_limit,
              "cancelled": cancelled, "stdoutClosed": stdout_closed, "clean": clean}
    if setup[:1] == b"K":
        header["setup"] = "ok"
    else:
        header["setup"] = setup[1:].decode("utf-8", "replace") if setup else \
            "the sandbox's child died during its setup (status %d)" % status
    if os.WIFSIGNALED(status):
        header["signal"] = os.WTERMSIG(status)
    else:
        header["exit"] = os.WEXITSTATUS(status)
    cpu = (usage.ru_utime + usage.ru_stime) if usage is not None else 0.0
    header["cpu"] = cpu
    header["cpuLimit"] = os.WIFSIGNALED(status) \
        and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL) \
        and cpu >= LIMITS["cpuSeconds"] * 0.8  # rusage samples: it reads low by up to ~10%
    if CGROUP:
        mem_after = _memory_evidence()
        oom = mem_after[0] > mem_before[0]
        hit = mem_after[1] > mem_before[1]
        failed = os.WIFSIGNALED(status) or os.WEXITSTATUS(status) != 0
        header["memoryLimit"] = oom or (hit and failed and not timed_out)
    try:
        _write_reply(header, memoryview(_OUT_BUF)[:lengths[out_r]],
                     memoryview(_ERR_BUF)[:lengths[err_r]])
    except OSError:
        return False
    if cancelled or not clean:
        return False
    _prepare()
    return True


def _drain(fd, buffers, lengths, out_r, err_r, cap):
    os.set_blocking(fd, False)
    scratch = bytearray(1 << 16)
    while True:
        room = cap - lengths[out_r] - lengths[err_r]
        try:
            if room > 0:
                pos = lengths[fd]
                n = os.readv(fd, [buffers[fd][pos:pos + room]])
                lengths[fd] = pos + n
            else:
                n = os.readv(fd, [scratch])
        except (BlockingIOError, OSError):
            return
        if n == 0:
            return


def _stop(pid, pidfd, graceful):
    if graceful and _CONFIG["killGraceSeconds"] > 0:
        try:
            os.killpg(pid, signal.SIGTERM)
        except OSError:
            pass
        end = time.monotonic() + _CONFIG["killGraceSeconds"]
        while time.monotonic() < end:
            got, raw, ru = _wait(pid, block=False)
            if got == pid:
                _kill_group(pid)
                return raw, ru
            if pidfd is not None:
                select.select([pidfd], [], [], max(0.0, end - time.monotonic()))
            else:
                time.sleep(0.002)
    _kill_group(pid)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    _, raw, ru = _wait(pid, block=True)
    return raw, ru


def _kill_group(pid):
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def _fork_floor(n):
    """The floor: fork this warm interpreter, let the child exit at once, reap it."""
    start = time.perf_counter()
    for _ in range(n):
        pid = os.fork()
        if pid == 0:
            os._exit(0)
        os.waitpid(pid, 0)
    return (time.perf_counter() - start) / n


# ---------------------------------------------------------------------------------------------
# reuse mode: programs run in this process; state is reset between them, not isolated
# ---------------------------------------------------------------------------------------------

class _Stop(BaseException):
    def __init__(self, why):
        super().__init__(why)
        self.why = why


class _CappedSink(io.RawIOBase):
    def __init__(self, shared):
        self.data = bytearray()
        self.shared = shared

    def writable(self):
        return True

    def write(self, b):
        room = LIMITS["outputBytes"] - self.shared[0]
        if len(b) > room:
            self.data.extend(bytes(b[:max(room, 0)]))
            self.shared[0] += max(room, 0)
            raise _Stop("output")
        self.data.extend(b)
        self.shared[0] += len(b)
        return len(b)


def _on_alarm(signum, frame):
    raise _Stop("timeout")


_REUSE_BASE = None
_REUSE_STDIN = open(os.devnull)  # always at end of file; shared by the programs of this worker


def _reuse_setup():
    global _REUSE_BASE
    if CONFINED:
        # the whole worker is the program's process tree: it joins the cgroups, gets a sized
        # tmpfs, then gives up root, every capability and the syscalls of the seccomp filter
        _join_cgroups()
        _confine_namespaces()
        workdir = "/tmp"
    else:
        workdir = os.path.join(WORK_BASE, "reuse")
        os.mkdir(workdir, 0o700)
    os.chdir(workdir)
    _apply_rlimits(cpu=False)
    _drop_privileges()
    os.umask(0o022)
    if CONFINED:
        _install_seccomp()
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, _on_alarm)
    if BLOCK_SOCKETS:
        _block_sockets()
    os.environ.clear()
    os.environ.update(CLEAN_ENV)
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    _REUSE_BASE = (dict(os.environ), list(sys.path), workdir, os._exit, sys.exit)


def _reuse_clean(workdir):
    """Removes what the program left in the working folder and /dev/shm; False if it cannot."""
    ok = True
    for folder in (workdir, "/dev/shm") if CONFINED else (workdir,):
        try:
            names = os.listdir(folder)
        except OSError:
            return False
        for name in names:
            p = os.path.join(folder, name)
            try:
                if os.path.isdir(p) and not os.path.islink(p):
                    ok = _remove_tree(p, 10.0) and ok
                else:
                    os.unlink(p)
            except OSError:
                ok = False
    return ok


def _run_reused(size):
    global _REUSE_STDIN
    buf = _read_code(size)
    code = bytes(buf[:size])
    buf.close()
    environ, path, workdir, real_exit, real_sys_exit = _REUSE_BASE
    if _REUSE_STDIN.closed:
        _REUSE_STDIN = open(os.devnull)
    shared = [0]
    out_sink, err_sink = _CappedSink(shared), _CappedSink(shared)
    out = io.TextIOWrapper(io.BufferedWriter(out_sink, 1 << 16), encoding="utf-8",
                           errors="backslashreplace")
    err = io.TextIOWrapper(io.BufferedWriter(err_sink, 1 << 16), encoding="utf-8",
                           errors="backslashreplace")
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = out, err, _REUSE_STDIN
    header = {"timeout": False, "outputLimit": False, "cancelled": False, "setup": "ok"}
    status = 0

    def exit_now(code=0):
        if os.getpid() != SELF:  # a child the program forked: it must never return into us
            real_exit(code if isinstance(code, int) else 1)
        raise SystemExit(code)

    os._exit = exit_now
    namespace = _fresh_main()
    start = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, LIMITS["wallSeconds"])
    try:
        try:
            exec(compile(code, PROGRAM, "exec"), namespace)
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
    except SystemExit as e:
        status = _exit_status(e)
    except _Stop as e:
        header["timeout" if e.why == "timeout" else "outputLimit"] = True
        status = 1
    except BaseException as e:
        header["error"] = _error_of(e)
        status = 1
        _print_program_traceback(e)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    if os.getpid() != SELF:
        # a child the program forked reached the end of the program: it ends here, as it would
        # have in a real interpreter, and never touches the worker's protocol
        real_exit(status)
    for stream in (out, err):
        try:
            stream.flush()
        except BaseException:
            pass
    header["elapsed"] = time.monotonic() - start
    header["exit"] = status
    header["cpu"] = 0.0
    sys.stdout, sys.stderr, sys.stdin = saved
    os._exit = real_exit
    sys.exit = real_sys_exit
    sys.modules["__main__"] = sys.modules.get("__siam4j_main__", sys.modules["__main__"])
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)
    sys.path[:] = path
    os.chdir(workdir)
    os.umask(0o022)
    header["clean"] = _reap_all() and _reuse_clean(workdir)
    _reseed(code)
    _write_reply(header, bytes(out_sink.data), bytes(err_sink.data))
    return header["clean"]


# ---------------------------------------------------------------------------------------------
# isolated and confined: a fork server that never sees a program's data
# ---------------------------------------------------------------------------------------------
#
# The worker is PID 1 of its namespace (bubblewrap --as-pid-1) and, once warm, forks a
# supervisor and becomes a fork server: every program's child is forked from it, so a child
# inherits a heap that held no earlier program's source, output, exit status, CPU time or output
# length (all of which the supervisor handles in its own memory). The server reaps children
# through buffers that children do not inherit, so not even their exit statuses become objects in
# its heap. Being PID 1, it survives the supervisor's kill(-1) of a program's processes, and
# every orphan comes to it.

_CTL = None  # the supervisor's end of the control socket, when a fork server runs
_SERVER_TASKS = 0  # tasks of the fork server in the worker's cgroup
_WAIT_BYTES = 8 + 144  # int status, padding, struct rusage (64-bit)


def _start_fork_server():
    global _CTL, SELF, _SERVER_TASKS
    import socket
    server_end, supervisor_end = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    pid = os.fork()
    if pid == 0:
        server_end.close()
        _CTL = supervisor_end
        SELF = os.getpid()
        _SERVER_TASKS = 1
        return
    supervisor_end.close()
    for fd in (_PROTO_IN, _PROTO_OUT):
        os.close(fd)
    try:
        _fork_server(server_end)
    finally:
        try:
            os.kill(-1, signal.SIGKILL)  # as PID 1: everything else in the namespace
        except OSError:
            pass
        os._exit(0)


def _fork_server(ctl):
    import array
    import socket
    buf = _private_buffer(4096)
    view = memoryview(buf)
    status_p = ctypes.addressof(ctypes.c_char.from_buffer(buf, 0))
    rusage_p = ctypes.addressof(ctypes.c_char.from_buffer(buf, 8))
    wait4 = _LIBC.wait4
    wait4.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_int, ctypes.c_void_p]
    wnohang = os.WNOHANG
    while True:
        try:
            msg = ctl.recv(64)
        except InterruptedError:
            continue
        if not msg:
            return  # the supervisor is gone
        op = msg[:1]
        if op == b"F":
            pid, fds = _fork_child("/tmp", close=(ctl.fileno(),))
            ctl.sendmsg([b"%d" % pid],
                        [(socket.SOL_SOCKET, socket.SCM_RIGHTS, array.array("i", fds))])
            for fd in fds:
                os.close(fd)
        elif op == b"W":
            pid = int(msg[2:])
            flags = wnohang if msg[1:2] == b"n" else 0
            while True:
                got = wait4(pid, status_p, flags, rusage_p)
                if got >= 0 or ctypes.get_errno() != errno.EINTR:
                    break
            if got == pid:
                ctl.sendmsg([b"K", view[:_WAIT_BYTES]])  # straight from the buffer
            else:
                ctl.send(b"N")
        elif op == b"R":
            while wait4(-1, status_p, wnohang, rusage_p) > 0:
                pass
            ctl.send(b"r")
        elif op == b"L":
            ctl.send(repr(_fork_floor(int(msg[1:]))).encode())


def _server_call(message):
    _CTL.send(message)
    reply = _CTL.recv(256)
    if not reply:
        raise OSError(errno.EPIPE, "the fork server is gone")
    return reply


def _server_fork():
    import array
    import socket
    _CTL.send(b"F")
    fds = array.array("i")
    msg, ancillary, _, _ = _CTL.recvmsg(64, socket.CMSG_SPACE(4 * fds.itemsize))
    for level, kind, data in ancillary:
        if level == socket.SOL_SOCKET and kind == socket.SCM_RIGHTS:
            fds.frombytes(data[:len(data) - len(data) % fds.itemsize])
    if not msg or len(fds) != 4:
        for fd in fds:
            os.close(fd)
        raise OSError(errno.EPIPE, "the fork server sent no child")
    return int(msg), tuple(fds)


class _Usage:
    __slots__ = ("ru_utime", "ru_stime")

    def __init__(self, utime, stime):
        self.ru_utime, self.ru_stime = utime, stime


def _wait(pid, block):
    """wait4 of a program's child: (pid or 0, status, rusage), like os.wait4."""
    if _CTL is None:
        return os.wait4(pid, 0 if block else os.WNOHANG)
    reply = _server_call(b"W%s%d" % (b"b" if block else b"n", pid))
    if reply[:1] != b"K":
        if block:
            raise ChildProcessError(errno.ECHILD, "no child %d" % pid)
        return 0, 0, None
    status = struct.unpack_from("=i", reply, 1)[0]
    us, uu, ss, su = struct.unpack_from("=4q", reply, 9)
    return pid, status, _Usage(us + uu / 1e6, ss + su / 1e6)


# ---------------------------------------------------------------------------------------------
# the request loop
# ---------------------------------------------------------------------------------------------

def _serve():
    global _IDLE_SHMEM
    sys.modules["__siam4j_main__"] = sys.modules["__main__"]
    if not CONFINED:
        os.makedirs(WORK_BASE, mode=0o755, exist_ok=True)
        os.chdir(WORK_BASE)
    else:
        os.chdir("/")
    _prctl(_PR_SET_CHILD_SUBREAPER, 1)
    if MODE == "reuse":
        _reuse_setup()
    else:
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
        if CGROUP:
            _join_cgroups()
            _set_oom_score("-1000")  # where the host allows it
            _IDLE_SHMEM = _cgroup_shmem()
    gc.collect()
    gc.freeze()  # keeps forked children from copying pages the collector would touch
    if MODE != "reuse" and CONFINED and SELF == 1:
        _start_fork_server()  # returns in the supervisor only
    with open("/proc/self/status") as f:
        vm = [l for l in f if l.startswith("VmSize:")]
    _write_reply({"ready": True, "python": sys.version.split()[0], "executable": sys.executable,
                  "pid": SELF, "preloaded": _preloaded, "failed": _failed, "root": ROOT,
                  "uid": UID, "addressSpace": int(vm[0].split()[1]) * 1024 if vm else 0})
    if MODE != "reuse":
        _prepare()
    while True:
        request = _read_header()
        if request is None:
            return
        op = request.get("op")
        if op == "run":
            size = int(request["size"])
            keep = _run_reused(size) if MODE == "reuse" else _run_isolated(size)
            if not keep:
                return
        elif op == "forkFloor":
            n = int(request.get("n", 100))
            seconds = float(_server_call(b"L%d" % n)) if _CTL is not None else _fork_floor(n)
            _write_reply({"seconds": seconds})
        else:
            _write_reply({"pong": True})


try:
    _serve()
finally:
    if MODE != "reuse":
        _reap_all()
        if not CONFINED:
            _remove_tree(WORK_BASE, 30.0)
