"""cleaner: rule-driven cleanup of scraped and machine-translated text, with a change log.

Importing the package is cheap: rules are compiled when a :class:`Cleaner` is built and
language profiles load on the first detection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Cleaner", "Result", "RuleError", "__version__"]

if TYPE_CHECKING:
    from cleaner.api import Cleaner, Result
    from cleaner.rules import RuleError


def __getattr__(name: str) -> Any:
    if name in ("Cleaner", "Result"):
        from cleaner import api

        return getattr(api, name)
    if name == "RuleError":
        from cleaner.rules import RuleError

        return RuleError
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
