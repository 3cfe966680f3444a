"""``import gamedyn`` stays light: no matplotlib, sympy or scipy.optimize."""

import subprocess
import sys


def test_import_is_light():
    code = ("import sys, gamedyn; heavy = [m for m in ('matplotlib', 'sympy', "
            "'scipy.optimize') if m in sys.modules]; print(heavy)")
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True).stdout.strip()
    assert output == "[]"
