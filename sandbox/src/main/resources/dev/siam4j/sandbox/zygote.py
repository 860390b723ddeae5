# siam4j sandbox worker ("zygote"). Started by dev.siam4j.sandbox.Zygote, never by hand.
#
# It imports what math programs use once, then serves requests from the JVM over its stdin/stdout:
# one JSON line per request; per reply one JSON header line followed by the raw stdout and stderr
# bytes whose lengths the header gives. In "isolated" mode every program runs in a forked child
# that gets limits, a private working folder, a clean environment and a fresh __main__; the zygote
# itself never runs program code. In "reuse" mode programs run in this process (weaker isolation).
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
import resource
import select
import shutil
import signal
import stat
import tempfile
import threading
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

try:
    _LIBC = ctypes.CDLL(None, use_errno=True)
except OSError:
    _LIBC = None
_PR_SET_PDEATHSIG = 1
_PR_SET_CHILD_SUBREAPER = 36

LIMITS = _CONFIG["limits"]
MODE = _CONFIG["mode"]
BLOCK_SOCKETS = _CONFIG["blockSockets"]
ROOT = os.geteuid() == 0 and _CONFIG["dropUid"]  # programs run as a dedicated uid
UID = _CONFIG["uid"] if ROOT else os.geteuid()
GID = _CONFIG["uid"] if ROOT else os.getegid()


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


NPROC = LIMITS["processes"] if ROOT else LIMITS["processes"] + _own_processes()
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


def _prctl(option, value):
    if _LIBC is not None:
        _LIBC.prctl(option, ctypes.c_ulong(value), 0, 0, 0)


def _write_reply(header, out=b"", err=b""):
    header["out"] = len(out)
    header["err"] = len(err)
    data = json.dumps(header).encode() + b"\n" + out + err
    view = memoryview(data)
    while view:
        n = os.write(_PROTO_OUT, view)
        view = view[n:]


_in_buffer = bytearray()


def _read_request():
    while True:
        nl = _in_buffer.find(b"\n")
        if nl >= 0:
            line = bytes(_in_buffer[:nl])
            del _in_buffer[: nl + 1]
            return json.loads(line)
        chunk = os.read(_PROTO_IN, 1 << 16)
        if not chunk:
            return None
        _in_buffer.extend(chunk)


def _error_of(exc):
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
    if np is not None and "random" in code:  # reseeding numpy costs more than most programs
        try:
            np.random.seed()
        except Exception:
            pass


# ---------------------------------------------------------------------------------------------
# isolated mode: the child
# ---------------------------------------------------------------------------------------------

def _child(code, workdir, out_w, err_w, st_w):
    try:
        os.setsid()
        _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
        os.dup2(_DEVNULL, 0)
        os.dup2(out_w, 1)
        os.dup2(err_w, 2)
        os.dup2(st_w, 3)
        os.closerange(4, 1 << 16)
        os.chdir(workdir)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if signal.getitimer(signal.ITIMER_REAL)[0]:
            signal.setitimer(signal.ITIMER_REAL, 0)
        memory = LIMITS["memoryBytes"]
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        cpu = LIMITS["cpuSeconds"]
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))
        resource.setrlimit(resource.RLIMIT_FSIZE, (LIMITS["fileSizeBytes"], LIMITS["fileSizeBytes"]))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        resource.setrlimit(resource.RLIMIT_NOFILE, (256, 256))
        resource.setrlimit(resource.RLIMIT_NPROC, (NPROC, NPROC))
        if ROOT:
            os.setgroups([])
            os.setresgid(GID, GID, GID)
            os.setresuid(UID, UID, UID)
        os.environ.clear()
        os.environ.update(CLEAN_ENV)
        os.environ["HOME"] = workdir
        os.environ["TMPDIR"] = workdir
        import tempfile
        tempfile.tempdir = None
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
    except BaseException as e:  # the sandbox's own fault: exit 120 so the JVM sees it
        try:
            os.write(2, ("sandbox setup failed: %r\n" % (e,)).encode())
        finally:
            os._exit(120)

    status = 0
    report = None
    try:
        exec(compile(code, PROGRAM, "exec"), namespace)
    except SystemExit as e:
        status = _exit_status(e)
    except BaseException as e:
        report = _error_of(e)
        status = 1
        try:
            traceback.print_exception(e)
        except BaseException:
            pass
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
    if report is not None:
        try:
            os.write(3, json.dumps(report).encode())
        except BaseException:
            pass
    os._exit(status)


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


def _reap_all():
    """Kills and reaps every descendant left behind; orphans come to us (we are a subreaper)."""
    for _ in range(1000):
        while True:
            try:
                pid, _status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                break
        children = _children_of(SELF)
        if not children:
            return
        for pid in children:
            for target in (-pid, pid):
                try:
                    os.kill(target, signal.SIGKILL)
                except OSError:
                    pass
        time.sleep(0.001)


def _remove(path):
    def fix(func, p, exc):
        try:
            os.chmod(os.path.dirname(p), 0o700)
            os.chmod(p, 0o700)
            func(p)
        except OSError:
            pass

    shutil.rmtree(path, onerror=fix)


def _run_isolated(code):
    global _counter
    _counter += 1
    workdir = os.path.join(WORK_BASE, "p%d" % _counter)
    os.mkdir(workdir, 0o700)
    if ROOT:
        os.chown(workdir, UID, GID)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    st_r, st_w = os.pipe()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(code, workdir, out_w, err_w, st_w)
        os._exit(121)
    os.close(out_w)
    os.close(err_w)
    os.close(st_w)
    pidfd = os.pidfd_open(pid) if _HAS_PIDFD else None
    cap = LIMITS["outputBytes"]
    out, err, st = bytearray(), bytearray(), bytearray()
    open_fds = {out_r: out, err_r: err, st_r: st}
    deadline = start + LIMITS["wallSeconds"]
    timed_out = output_limit = False
    status = None
    cancelled = False
    while True:
        watch = list(open_fds) + [_PROTO_IN]
        if pidfd is not None and status is None:
            watch.append(pidfd)
        now = time.monotonic()
        if status is not None and not open_fds:
            break
        if now >= deadline:
            timed_out = status is None
            break
        wait = deadline - now
        if pidfd is None and status is None:
            wait = min(wait, 0.002)
        ready, _, _ = select.select(watch, [], [], wait)
        if _PROTO_IN in ready:
            cancelled = True
            break
        for fd in ready:
            if fd == pidfd:
                continue
            buf = open_fds.get(fd)
            if buf is None:
                continue
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                del open_fds[fd]
                os.close(fd)
                continue
            if fd == st_r:
                if len(buf) < 1 << 16:
                    buf.extend(chunk)
                continue
            room = cap - len(out) - len(err)
            if len(chunk) > room:
                buf.extend(chunk[:max(room, 0)])
                output_limit = True
            else:
                buf.extend(chunk)
        if output_limit:
            break
        if status is None and (pidfd is None or pidfd in ready):
            got, raw = os.waitpid(pid, os.WNOHANG)
            if got == pid:
                status = raw
                # descendants may hold the pipes open: stop them, then drain what is left
                try:
                    os.killpg(pid, signal.SIGKILL)
                except OSError:
                    pass
                _reap_all()
    if status is None:
        status = _stop(pid, pidfd, graceful=timed_out)
    elapsed = time.monotonic() - start
    for fd in list(open_fds):
        _drain(fd, open_fds[fd], out, err, st_r, cap)
        os.close(fd)
    if pidfd is not None:
        os.close(pidfd)
    _reap_all()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    _remove(workdir)
    header = {"elapsed": elapsed, "timeout": timed_out, "outputLimit": output_limit,
              "cancelled": cancelled}
    if os.WIFSIGNALED(status):
        header["signal"] = os.WTERMSIG(status)
    else:
        header["exit"] = os.WEXITSTATUS(status)
    if st and not timed_out and not output_limit:
        try:
            header["error"] = json.loads(bytes(st))
        except ValueError:
            pass
    header["cpu"] = (usage.ru_utime + usage.ru_stime) - (before.ru_utime + before.ru_stime)
    try:
        _write_reply(header, bytes(out), bytes(err))
    except OSError:
        return False
    return not cancelled


def _drain(fd, buf, out, err, st_r, cap):
    os.set_blocking(fd, False)
    while True:
        try:
            chunk = os.read(fd, 1 << 16)
        except BlockingIOError:
            return
        if not chunk:
            return
        if fd == st_r:
            continue
        room = cap - len(out) - len(err)
        buf.extend(chunk[:max(room, 0)])


def _stop(pid, pidfd, graceful):
    if graceful and _CONFIG["killGraceSeconds"] > 0:
        try:
            os.killpg(pid, signal.SIGTERM)
        except OSError:
            pass
        end = time.monotonic() + _CONFIG["killGraceSeconds"]
        while time.monotonic() < end:
            got, raw = os.waitpid(pid, os.WNOHANG)
            if got == pid:
                _kill_group(pid)
                return raw
            if pidfd is not None:
                select.select([pidfd], [], [], max(0.0, end - time.monotonic()))
            else:
                time.sleep(0.002)
    _kill_group(pid)
    try:
        os.kill(pid, signal.SIGKILL)
    except OSError:
        pass
    _, raw = os.waitpid(pid, 0)
    return raw


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
    memory = LIMITS["memoryBytes"]
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMITS["fileSizeBytes"], LIMITS["fileSizeBytes"]))
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    signal.signal(signal.SIGALRM, _on_alarm)
    if BLOCK_SOCKETS:
        _block_sockets()
    os.environ.clear()
    os.environ.update(CLEAN_ENV)
    workdir = os.path.join(WORK_BASE, "reuse")
    os.mkdir(workdir, 0o700)
    os.chdir(workdir)
    os.environ["HOME"] = workdir
    os.environ["TMPDIR"] = workdir
    _REUSE_BASE = (dict(os.environ), list(sys.path), workdir, os._exit, sys.exit)


def _run_reused(code):
    global _REUSE_STDIN
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
    header = {"timeout": False, "outputLimit": False, "cancelled": False}
    status = 0

    def exit_now(code=0):
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
        try:
            traceback.print_exception(e)
        except BaseException:
            pass
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
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
    if os.listdir(workdir):
        for name in os.listdir(workdir):
            p = os.path.join(workdir, name)
            if os.path.isdir(p) and not os.path.islink(p):
                _remove(p)
            else:
                os.unlink(p)
    _reseed(code)
    _write_reply(header, bytes(out_sink.data), bytes(err_sink.data))
    return True


# ---------------------------------------------------------------------------------------------
# the request loop
# ---------------------------------------------------------------------------------------------

def _serve():
    sys.modules["__siam4j_main__"] = sys.modules["__main__"]
    os.makedirs(WORK_BASE, mode=0o755, exist_ok=True)
    os.chdir(WORK_BASE)
    if MODE == "reuse":
        _reuse_setup()
    else:
        _prctl(_PR_SET_CHILD_SUBREAPER, 1)
        signal.signal(signal.SIGPIPE, signal.SIG_IGN)
    gc.collect()
    gc.freeze()  # keeps forked children from copying pages the collector would touch
    with open("/proc/self/status") as f:
        vm = [l for l in f if l.startswith("VmSize:")]
    _write_reply({"ready": True, "python": sys.version.split()[0], "executable": sys.executable,
                  "pid": SELF, "preloaded": _preloaded, "failed": _failed, "root": ROOT,
                  "addressSpace": int(vm[0].split()[1]) * 1024 if vm else 0})
    while True:
        request = _read_request()
        if request is None:
            return
        op = request.get("op")
        if op == "run":
            keep = _run_reused(request["code"]) if MODE == "reuse" else _run_isolated(request["code"])
            if not keep:
                return
        elif op == "forkFloor":
            _write_reply({"seconds": _fork_floor(int(request.get("n", 100)))})
        else:
            _write_reply({"pong": True})


try:
    _serve()
finally:
    if MODE != "reuse":
        _reap_all()
