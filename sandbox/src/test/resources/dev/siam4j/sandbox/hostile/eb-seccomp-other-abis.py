# hostile: calls keyctl through the x32 syscall numbers and through the 32-bit int 0x80 entry (machine code in an executable mapping), where a filter that checks only x86_64 numbers would let it through
# covers: privilege (seccomp-denied syscalls through other ABIs)
# expect: OK|ERROR|KILLED
# stdout-lacks: ALLOWED
import ctypes
import errno
import mmap
import platform

MARKER = "{{MARKER}}"
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
REFUSED = {errno.EPERM, errno.ENOSYS, errno.EACCES}
if platform.machine() != "x86_64":
    raise SystemExit("x86_64 only")
ctypes.set_errno(0)
r = libc.syscall(ctypes.c_long(0x40000000 | 250), ctypes.c_long(0), ctypes.c_long(-3), ctypes.c_long(1))
e = ctypes.get_errno()
print(("ALLOWED x32 keyctl %d" % r) if r >= 0 or e not in REFUSED else "refused x32 " + errno.errorcode.get(e, str(e)),
      flush=True)
code = bytes([0x53,                          # push rbx
              0xB8, 0x20, 0x01, 0x00, 0x00,  # mov eax, 288 (keyctl, i386)
              0x31, 0xDB,                    # xor ebx, ebx (KEYCTL_GET_KEYRING_ID)
              0xB9, 0xFD, 0xFF, 0xFF, 0xFF,  # mov ecx, -3 (the session keyring)
              0xBA, 0x01, 0x00, 0x00, 0x00,  # mov edx, 1 (create)
              0xCD, 0x80,                    # int 0x80
              0x5B,                          # pop rbx
              0xC3])                         # ret
try:
    page = mmap.mmap(-1, mmap.PAGESIZE, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
except OSError as e:
    print("no executable mapping:", e.strerror)
    raise SystemExit(0)
page.write(code)
fn = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(page)))
r = fn()
print(("ALLOWED int 0x80 keyctl %d" % r) if r >= 0 or -r not in REFUSED else "refused int 0x80 %d" % r, flush=True)
