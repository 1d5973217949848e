"""`python -m checker`: the same as `treaty-check`."""

import sys

from checker.cli import main

sys.exit(main())
