"""`python -m oiadraft` is the same as the `oiadraft` command."""

import sys

from oiadraft.cli import main

sys.exit(main())
