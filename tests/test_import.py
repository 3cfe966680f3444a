"""``import gamedyn`` stays light: matplotlib, sympy and scipy.optimize load only when a
function that needs them is called (DESIGN.md, "Layers")."""

import json
import subprocess
import sys

HEAVY = ("matplotlib", "sympy", "scipy.optimize", "numba")


def heavy_modules_after(statements: str) -> list[str]:
    """Which of HEAVY are in ``sys.modules`` after running ``statements`` in a fresh
    interpreter."""
    code = (f"import json, sys\n{statements}\n"
            f"print(json.dumps([m for m in {HEAVY!r} if m in sys.modules]))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_import_gamedyn_loads_no_heavy_module():
    assert heavy_modules_after("import gamedyn") == []


def test_bimatrix_work_loads_no_heavy_module():
    statements = ("import gamedyn as gd\n"
                  "g = gd.games.stag_hunt()\n"
                  "g.payoffs([0.5, 0.5], [1, 0]); g.mixed().jacobian([0.5, 0.5])\n"
                  "gd.games.dirac_gan().field([0.1, 0.2])")
    assert heavy_modules_after(statements) == []


def test_the_check_sees_a_heavy_import():
    # control: the same probe does report a module once something imports it
    assert heavy_modules_after("import gamedyn, sympy") == ["sympy"]
