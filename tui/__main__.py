"""``python -m tui`` runs the ``marginalia`` command."""

import sys

from tui.cli import main

sys.exit(main())
