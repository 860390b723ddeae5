# hostile: raises its own limits as far as the kernel lets it, then allocates 1 GiB
# covers: limits hold (raising rlimits)
# expect: MEMORY_LIMIT
# stdout-lacks: RAISED
import resource

MARKER = "{{MARKER}}"
for name in ("RLIMIT_AS", "RLIMIT_NPROC", "RLIMIT_CPU", "RLIMIT_FSIZE", "RLIMIT_NOFILE"):
    which = getattr(resource, name)
    soft, hard = resource.getrlimit(which)
    try:
        resource.setrlimit(which, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        print("RAISED", name, "from", hard)
    except (ValueError, OSError):
        pass
held = b"\x5a" * (1 << 30)
print("allocated", len(held))
