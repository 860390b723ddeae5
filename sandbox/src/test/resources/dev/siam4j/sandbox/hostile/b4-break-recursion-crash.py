# hostile: lifts the recursion limit and makes the interpreter recurse in C (repr of a list nested 300,000 deep) until the stack overflows
# covers: a program cannot break its worker (sys.setrecursionlimit crash)
# expect: KILLED|ERROR|MEMORY_LIMIT
import sys

MARKER = "{{MARKER}}"
sys.setrecursionlimit(10 ** 7)
nested = []
for _ in range(300_000):
    nested = [nested]
print(len(repr(nested)))
