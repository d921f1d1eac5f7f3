"""Configuration files: defaults for ``cleaner clean`` kept beside a project.

``[tool.cleaner]`` in ``pyproject.toml``, or the top-level keys of ``cleaner.toml``, found
from the working folder upward and no further than the project root: the first folder that
has either file or a ``.git`` folder (as ruff and black look). Every option of ``cleaner
clean`` has a key (``--no-default-rules`` is ``default_rules = false``); paths in a file are
relative to its folder. A flag given on the command line wins over the file, the file over
the built-in default, and every setting remembers where it came from.

>>> file = parse_config('jobs = 2\\nrules = ["mine.toml"]\\n', name="cleaner.toml",
...                     folder=Path("proj"))
>>> settings = merge(file, {"jobs": 4})
>>> settings["jobs"], settings["rules"].value, settings["rules"].origin, settings["out"]
(Setting(value=4, origin='--jobs'), [PosixPath('proj/mine.toml')], 'cleaner.toml:2', \
Setting(value=PosixPath('out'), origin='default'))
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.corpus.sites import DEFAULT_URL_FIELDS, SITE_MODES
from cleaner.options import DEFAULT_MAX_DOC_BYTES, DEFAULT_RULE_TIMEOUT
from cleaner.rules import QUOTE_OPTIONS

CONFIG_FILE = "cleaner.toml"
ENGINES = ("local", "ray")
PYPROJECT = "pyproject.toml"


class ConfigError(ValueError):
    """A configuration file that cannot be used; the message names the file and line."""


@dataclass(frozen=True, slots=True)
class Key:
    """One setting: its type, built-in default, and the ``cleaner clean`` parameter and flag
    that set it on the command line (``invert``: the flag says the opposite, as
    ``--no-default-rules`` does for ``default_rules``)."""

    kind: str  # path, paths, strings, str, bool, int, float, choice, optional_path, templates
    default: Any
    param: str
    flag: str
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    invert: bool = False


KEYS: dict[str, Key] = {
    "paths": Key("paths", [], "paths", "PATHS"),
    "out": Key("path", Path("out"), "out", "--out"),
    "rules": Key("paths", [], "rules", "--rules"),
    "default_rules": Key("bool", True, "no_default_rules", "--no-default-rules", invert=True),
    "disable": Key("strings", [], "disable", "--disable"),
    "quotes": Key("choice", "auto", "quotes", "--quotes", choices=QUOTE_OPTIONS),
    "check": Key("bool", False, "check", "--check"),
    "diff": Key("bool", False, "diff", "--diff"),
    "explain": Key("bool", False, "explain_changes", "--explain"),
    "manifest": Key("optional_path", None, "manifest", "--manifest"),
    "rejects": Key("optional_path", None, "rejects", "--rejects"),
    "format": Key("choice", "text", "input_format", "--format", choices=("text", "jsonl")),
    "text_field": Key("str", "text", "text_field", "--text-field"),
    "id_field": Key("str", "id", "id_field", "--id-field"),
    "sites": Key("choice", "url", "sites", "--sites", choices=SITE_MODES),
    "url_fields": Key("strings", list(DEFAULT_URL_FIELDS), "url_fields", "--url-field"),
    # A templates file, or "off"; unset: learned from the inputs when they have sites.
    "templates": Key("templates", None, "templates", "--templates"),
    "jobs": Key("int", 0, "jobs", "--jobs", minimum=0),
    "force": Key("bool", False, "force", "--force"),
    "max_doc_bytes": Key("int", DEFAULT_MAX_DOC_BYTES, "max_doc_bytes", "--max-doc-bytes", 1),
    "rule_timeout": Key("float", DEFAULT_RULE_TIMEOUT, "rule_timeout", "--rule-timeout", 0.001),
    "debug": Key("bool", False, "debug", "--debug"),
    "report": Key("bool", False, "with_report", "--report"),
    "quiet": Key("bool", False, "quiet", "--quiet"),
    "verbose": Key("bool", False, "verbose", "--verbose"),
    "engine": Key("choice", "local", "engine", "--engine", choices=ENGINES),
    # A Ray head (host:port or auto); unset: RAY_ADDRESS, else a private Ray on this machine.
    "address": Key("str", None, "address", "--address"),
}
# Not a key: --shard I/N names one machine's part of a run, so it belongs to each command line.

# Keys people will write by analogy with the flags, and what to write instead.
HINTS = {"no_default_rules": " (write default_rules = false)"}


@dataclass(frozen=True, slots=True)
class Setting:
    """A value and where it came from: ``default``, ``FILE:LINE`` or a flag."""

    value: Any
    origin: str


def find_config(start: Path) -> Path | None:
    """The config file that applies in ``start``: looking upward, the first folder holding
    ``cleaner.toml`` or ``pyproject.toml`` (or a ``.git`` folder) ends the search, and its
    ``cleaner.toml``, else its ``pyproject.toml`` if that has a ``[tool.cleaner]`` table.

    >>> find_config(Path("/")) is None
    True
    """
    for folder in [start, *start.parents]:
        if (folder / CONFIG_FILE).is_file():
            return folder / CONFIG_FILE
        if (folder / PYPROJECT).is_file():
            path = folder / PYPROJECT
            return path if "cleaner" in _document(path).get("tool", {}) else None
        if (folder / ".git").exists():
            return None
    return None


def read_config(path: Path, *, cwd: Path) -> dict[str, Setting]:
    """The settings a config file holds, named and with paths as seen from ``cwd``."""
    name = os.path.relpath(path, cwd)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{name}: cannot read: {getattr(exc, 'strerror', None) or exc}") from None
    folder = Path(os.path.relpath(path.parent, cwd))
    return parse_config(text, name=name, folder=folder, pyproject=path.name == PYPROJECT)


def parse_config(
    text: str, *, name: str, folder: Path = Path("."), pyproject: bool = False
) -> dict[str, Setting]:
    """Validate a config file's text; paths in it become ``folder / path``.

    >>> parse_config("jbos = 2", name="cleaner.toml")
    Traceback (most recent call last):
    ...
    cleaner.config.ConfigError: cleaner.toml:1: unknown key 'jbos' (did you mean 'jobs'?)
    >>> parse_config("[tool.cleaner]\\ndefault_rules = false", name="pyproject.toml",
    ...              pyproject=True)
    {'default_rules': Setting(value=False, origin='pyproject.toml:2')}
    """
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{name}: invalid TOML: {exc}") from None
    table_path = ("tool", "cleaner") if pyproject else ()
    table: Any = document
    for part in table_path:
        table = table.get(part, {}) if isinstance(table, dict) else {}
    where = "[tool.cleaner]: " if pyproject else ""
    if not isinstance(table, dict):
        raise ConfigError(f"{name}: {where}must be a table")
    lines = _key_lines(text, table_path)
    settings: dict[str, Setting] = {}
    for key, raw in table.items():
        at = f"{name}:{lines.get(key, 1)}: {where}"
        if key not in KEYS:
            hint = HINTS.get(key) or _did_you_mean(key, KEYS)
            listing = "" if hint else f"; keys are {', '.join(KEYS)}"
            raise ConfigError(f"{at}unknown key {key!r}{hint}{listing}")
        try:
            value = _value(KEYS[key], raw, folder)
        except ValueError as exc:
            raise ConfigError(f"{at}{key!r} {exc}") from None
        settings[key] = Setting(value, f"{name}:{lines.get(key, 1)}")
    return settings


def merge(file: Mapping[str, Setting], given: Mapping[str, Any]) -> dict[str, Setting]:
    """Every setting: from the command line (``given``, by key) over the file over the default.

    >>> merge({}, {"out": Path("x")})["out"]
    Setting(value=PosixPath('x'), origin='--out')
    """
    settings: dict[str, Setting] = {}
    for key, spec in KEYS.items():
        if key in given:
            settings[key] = Setting(given[key], spec.flag)
        elif key in file:
            settings[key] = file[key]
        else:
            settings[key] = Setting(spec.default, "default")
    return settings


def render(settings: Mapping[str, Setting], source: str | None) -> str:
    """What ``cleaner config`` prints: the file, then one aligned line per setting.

    >>> [line for line in render(merge({}, {"jobs": 2}), None).splitlines() if "jobs" in line]
    ['jobs           2                        --jobs']
    """
    head = f"# config file: {source}" if source else "# no config file found"
    rows = [(key, _shown(setting.value), setting.origin) for key, setting in settings.items()]
    width = max(len(key) for key, _, _ in rows)
    shown = max(len(value) for _, value, _ in rows)
    lines = [f"{key:<{width}}  {value:<{shown}}  {origin}" for key, value, origin in rows]
    return "\n".join([head, *lines]) + "\n"


def _shown(value: Any) -> str:
    """A value as TOML would write it (``-`` when unset)."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    if isinstance(value, Path | str):
        return json.dumps(str(value), ensure_ascii=False)
    return str(value)


def _value(spec: Key, raw: Any, folder: Path) -> Any:
    """A file's value checked against its key; raises ValueError saying what it must be."""
    kind = spec.kind
    if kind in ("paths", "strings"):
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(item, str) and item for item in raw):
            raise ValueError(f"must be a list of strings, not {_toml(raw)}")
        return [folder / item for item in raw] if kind == "paths" else list(raw)
    if kind in ("path", "optional_path", "str", "choice", "templates"):
        if not isinstance(raw, str) or not raw:
            raise ValueError(f"must be a non-empty string, not {_toml(raw)}")
        if spec.choices and raw not in spec.choices:
            raise ValueError(f"is {raw!r}; choose one of {', '.join(spec.choices)}")
        if kind == "templates":  # a file, or the word off
            return raw if raw == "off" else str(folder / raw)
        return folder / raw if kind in ("path", "optional_path") else raw
    if kind == "bool":
        if not isinstance(raw, bool):
            raise ValueError(f"must be true or false, not {_toml(raw)}")
        return raw
    number_ok = isinstance(raw, int) or (kind == "float" and isinstance(raw, float))
    if isinstance(raw, bool) or not number_ok:
        what = "a whole number" if kind == "int" else "a number"
        raise ValueError(f"must be {what}, not {_toml(raw)}")
    if spec.minimum is not None and raw < spec.minimum:
        raise ValueError(f"must be at least {spec.minimum:g}, not {raw}")
    return float(raw) if kind == "float" else raw


def _toml(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _document(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None


def _key_lines(text: str, table: tuple[str, ...]) -> dict[str, int]:
    """The line of each key of ``table`` (``()``: the top level), for messages.

    >>> _key_lines("a = 1\\n[tool.cleaner]\\njobs = 2\\n[tool.cleaner.x]\\n", ("tool", "cleaner"))
    {'jobs': 3, 'x': 4}
    """
    lines: dict[str, int] = {}
    current: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        header = HEADER.match(line)
        if header:
            current = tuple(part.strip().strip("\"'") for part in header[1].split("."))
            if len(current) > len(table) and current[: len(table)] == table:
                lines.setdefault(current[len(table)], number)
            continue
        key = KEY.match(line)
        if key and current == table:
            lines.setdefault(key[1].strip("\"'"), number)
    return lines


HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]")
KEY = re.compile(r"^\s*(\"[^\"]*\"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]")


def _did_you_mean(word: str, options: Any) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""
