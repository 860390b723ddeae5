# hostile: loops forever
# covers: a program cannot break its worker (infinite loop)
# expect: TIMEOUT
MARKER = "{{MARKER}}"
while True:
    pass
