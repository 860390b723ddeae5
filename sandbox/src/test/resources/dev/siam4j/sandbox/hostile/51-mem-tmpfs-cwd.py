# hostile: writes 1 GiB of files (twice the limit) into its working folder, which sits in RAM when that folder is a tmpfs
# covers: memory limits dodged (tmpfs pages in the working folder)
# expect: MEMORY_LIMIT|ERROR
MARKER = "{{MARKER}}"
chunk = b"\x5a" * (15 << 20)
for i in range(70):
    with open("fill-%d" % i, "wb") as f:
        f.write(chunk)
print("DODGED the memory limit with 1 GiB of files")
