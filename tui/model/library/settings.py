"""The library's settings: whether documents opened in the reader join the library.

They live in ``config.toml`` in the data dir (the user's file; Marginalia only reads it)::

    [library]
    auto_add = false

The environment variable ``MARGINALIA_LIBRARY_AUTO_ADD`` (``0``/``1``) overrides the file.
A missing or broken file means the defaults (documents join the library).
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

CONFIG_NAME = "config.toml"
ENV_AUTO_ADD = "MARGINALIA_LIBRARY_AUTO_ADD"


def config_file(data_dir: Path) -> Path:
    """The settings file in the data dir."""
    return Path(data_dir) / CONFIG_NAME


def auto_add(data_dir: Path) -> bool:
    """True when a document opened in the reader should join the library (the default)."""
    env = os.environ.get(ENV_AUTO_ADD, "").strip().lower()
    if env:
        return env not in ("0", "false", "no", "off")
    try:
        data = tomllib.loads(config_file(data_dir).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True
    section = data.get("library", {})
    value = section.get("auto_add", True) if isinstance(section, dict) else True
    return value if isinstance(value, bool) else True
