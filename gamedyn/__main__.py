"""``python -m gamedyn``: the same as the ``gamedyn`` command."""

import sys

from gamedyn.cli import main

sys.exit(main())
