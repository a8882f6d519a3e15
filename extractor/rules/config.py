"""Rule data from YAML: the defaults in ``rules/*.yaml`` deep-merged with ``--rules`` files.

Data lives in YAML, not in code, so an officer can add a typo or change a
severity without touching Python. Every file has the same shape; later files
win key by key, and a key set to ``null`` drops that entry:

>>> merge({"typos": {"กฏหมาย": "กฎหมาย"}}, {"typos": {"กฏหมาย": None, "x": "y"}})
{'typos': {'x': 'y'}}
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import UnusableInput
from ..resources import RULES_DIR

DEFAULT_DIR = RULES_DIR  # the package data (top-level rules/ links to it)


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Deep merge ``over`` into a copy of ``base``; ``None`` deletes, lists are replaced."""
    out = dict(base)
    for key, value in over.items():
        if value is None:
            out.pop(key, None)
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = value
    return out


# libyaml's parser when PyYAML has it: the same data, parsed ~10× faster (a cold start reads every rule file)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, loader: type = yaml.SafeLoader) -> dict[str, Any]:
    """One rules file as a mapping; a broken file is the user's input, so UnusableInput."""
    try:
        data = yaml.load((path if hasattr(path, "read_text") else Path(path)).read_text(encoding="utf-8"),
                         Loader=loader)
    except OSError as e:
        raise UnusableInput(f"อ่านไฟล์กฎไม่ได้ (cannot read rules file {path}: {e.strerror})") from None
    except yaml.YAMLError as e:
        raise UnusableInput(f"ไฟล์กฎไม่ใช่ YAML ที่ถูกต้อง (rules file {path} is not valid YAML: {e})") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise UnusableInput(f"ไฟล์กฎต้องเป็น YAML แบบ mapping (rules file {path} must be a YAML mapping)")
    return data


@lru_cache(maxsize=1)
def _defaults() -> dict[str, Any]:
    config: dict[str, Any] = {}
    for path in sorted((p for p in DEFAULT_DIR.iterdir() if p.name.endswith(".yaml")), key=lambda p: p.name):
        config = merge(config, read_yaml(path, SAFE_LOADER))
    return config


SEVERITIES = ("error", "warning", "info")


def load(rules_files: list[Path] | tuple = ()) -> dict[str, Any]:
    """The defaults, then each ``--rules`` file over them in the order given."""
    config = _defaults()
    for path in rules_files:
        config = merge(config, read_yaml(Path(path)))
        _validate(config, path)
    return config


def _validate(config: dict[str, Any], path: Path) -> None:
    """Catch the mistakes a hand-written rules file makes, with the file named."""
    for rid, conf in (config.get("rules") or {}).items():
        if not isinstance(conf, dict):
            raise UnusableInput(f"ไฟล์กฎ: กฎ {rid} ต้องเป็น mapping (rules file {path}: rules.{rid} must be a mapping)")
        sev = conf.get("severity")
        if sev is not None and sev not in SEVERITIES:
            raise UnusableInput(f"ไฟล์กฎ: ระดับ {sev!r} ไม่ถูกต้อง (rules file {path}: rules.{rid}.severity "
                                f"must be one of {', '.join(SEVERITIES)})")
        if not isinstance(conf.get("variants") or {}, dict):
            raise UnusableInput(f"ไฟล์กฎ: variants ของกฎ {rid} ต้องเป็น mapping "
                                f"(rules file {path}: rules.{rid}.variants must be a mapping)")
        for key, vconf in (conf.get("variants") or {}).items():
            vsev = (vconf or {}).get("severity") if isinstance(vconf, dict) else "not a mapping"
            if vsev is not None and vsev not in SEVERITIES:
                raise UnusableInput(f"ไฟล์กฎ: ระดับ {vsev!r} ไม่ถูกต้อง (rules file {path}: rules.{rid}.variants."
                                    f"{key}.severity must be one of {', '.join(SEVERITIES)})")
    for key in ("typos", "rules", "agency_types", "ita_levels"):
        if key in config and not isinstance(config[key], dict):
            raise UnusableInput(f"ไฟล์กฎ: {key} ต้องเป็น mapping (rules file {path}: {key} must be a mapping)")
