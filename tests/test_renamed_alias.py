"""One rule for a deprecated alias (``seed`` of ``rng``, ``n_steps`` of ``steps``):
:func:`gamedyn._validation.renamed`, used by the GAN front door and the figure recipes."""

import warnings

import pytest

import gamedyn as gd
from gamedyn._validation import MISSING, renamed
from gamedyn.gallery import _arguments


def _caller(old=MISSING, new=None):
    return renamed(old, "seed", new, "rng", new is not None)


def test_the_alias_warns_at_the_callers_line_and_refuses_both():
    assert _caller(new=5) == 5 and _caller() is None
    with pytest.warns(DeprecationWarning, match=r"^`seed` is deprecated: use `rng`\.$") as rec:
        assert _caller(old=7) == 7
    assert rec[0].filename == __file__  # stacklevel 2: the caller of _caller
    with pytest.raises(TypeError, match=r"^give `rng` only \(`seed` is its deprecated alias\)\.$"):
        _caller(old=7, new=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert _caller(new=0) == 0  # not given: no warning


def test_the_gan_and_the_gallery_share_the_sentinel_and_the_messages():
    assert _arguments.MISSING is MISSING
    messages = []
    for call in (lambda: gd.gan.train(steps=5, rng=1, seed=1, progress=False),
                 lambda: _arguments.recipe_seed(1, seed=1)):
        with pytest.raises(TypeError) as info:
            call()
        messages.append(str(info.value))
    assert messages[0] == messages[1] == "give `rng` only (`seed` is its deprecated alias)."
    with pytest.warns(DeprecationWarning, match=r"^`seed` is deprecated: use `rng`\.$") as rec:
        assert _arguments.recipe_seed(_arguments.RNG_DEFAULT, seed=3, stacklevel=2) == 3
    assert rec[0].filename == __file__
