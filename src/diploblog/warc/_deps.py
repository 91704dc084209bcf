"""Optional dependencies: imported when first needed, with a clear error when absent."""

from __future__ import annotations

import importlib
from types import ModuleType

from diploblog._errors import DiploblogError

__all__ = ["MissingDependencyError", "require"]


class MissingDependencyError(DiploblogError, ImportError):
    """A feature needs an optional dependency that is not installed.

    The message names the package and the extra that installs it. It is also an
    `ImportError`, so code that guards optional imports catches it.

    Example:
        >>> try:
        ...     require("no_such_module_here", extra="warc")
        ... except MissingDependencyError as error:
        ...     print(error.message)
        no_such_module_here is not installed: install it with pip install 'diploblog[warc]'
    """


def require(module: str, *, extra: str) -> ModuleType:
    """Import an optional dependency, or say how to install it.

    Args:
        module: The module to import (``"warcio"``).
        extra: The diploblog extra that installs it (``"warc"``).

    Returns:
        The module.

    Raises:
        MissingDependencyError: The module cannot be imported.

    Example:
        >>> require("zlib", extra="warc").__name__
        'zlib'
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        top = module.partition(".")[0]
        msg = f"{top} is not installed: install it with pip install 'diploblog[{extra}]'"
        raise MissingDependencyError(msg, where=module) from None
