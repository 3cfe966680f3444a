"""Property tests draw the same examples in every run (CI included): a failure is
reproducible and a green run stays green. Explore new examples locally with
``pytest --hypothesis-seed=RANDOM`` or ``HYPOTHESIS_PROFILE=explore``."""

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
