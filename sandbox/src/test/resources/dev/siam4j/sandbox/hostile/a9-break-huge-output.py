# hostile: prints without end
# covers: a program cannot break its worker (huge output)
# expect: OUTPUT_LIMIT
MARKER = "{{MARKER}}"
while True:
    print("x" * 1000)
