"""``python -m cdm_newsletter``: the same as the ``cdm-newsletter`` command."""

import sys

from .cli import main

sys.exit(main())
