"""Figures as files: the HTML fragments carry each SVG as a data URI; LMS imports want files
(Moodle ``@@PLUGINFILE@@``, files in a QTI or Canvas zip). Each distinct picture gets one name
from its content hash, so a figure shared by many variants is stored once per package."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable

DATA_URI = re.compile(r'src="data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)"')


def figure_name(svg: bytes) -> str:
    return f"fig-{hashlib.sha256(svg).hexdigest()[:16]}.svg"


def attach(html: str, url: Callable[[str], str], files: dict[str, bytes]) -> str:
    """``html`` with every embedded SVG replaced by ``url(name)``; the SVGs go into ``files``."""

    def replace(match: re.Match[str]) -> str:
        svg = base64.b64decode(match[1])
        name = figure_name(svg)
        files[name] = svg
        return f'src="{url(name)}"'

    return DATA_URI.sub(replace, html)
