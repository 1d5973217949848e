"""`python -m checker`: the same as `treaty-check`."""

from checker.cli import script

script()
