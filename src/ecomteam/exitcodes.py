"""ecomteam's exit codes (listed in the README; BSD sysexits where one fits), with no imports.

The entry point answers `--version` and its own failures with them before importing anything else.
"""

EXIT_OK = 0
EXIT_INTERNAL = 1
EXIT_USAGE = 2
EXIT_DATA = 65
EXIT_NO_INPUT = 66
EXIT_CANT_WRITE = 73
EXIT_INTERRUPTED = 130
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader went away; nothing is printed
