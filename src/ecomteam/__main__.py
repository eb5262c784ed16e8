"""Allow `python -m ecomteam`."""

from ecomteam.entry import main

main()
