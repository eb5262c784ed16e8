"""Allow `python -m ecomteam`."""

from ecomteam.cli import main

main()
