"""The model must stay free of the UI: importing it never imports textual or rich."""

import subprocess
import sys


def test_model_does_not_import_textual_or_rich() -> None:
    code = (
        "import sys, pkgutil, importlib, tui.model\n"
        "for m in pkgutil.walk_packages(tui.model.__path__, 'tui.model.'):\n"
        "    importlib.import_module(m.name)\n"
        "import tui.commands, tui.cli\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
