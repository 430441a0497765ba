"""Where the shared (non-shipped) data lives: ``$WAQIA_DATA``, else ``../shared/data``."""

from __future__ import annotations

import os
from pathlib import Path

from waqia._errors import DataError

ENV_VAR = "WAQIA_DATA"


def data_dir(explicit: str | os.PathLike[str] | None = None, *, must_exist: bool = True) -> Path:
    """The shared data folder: ``explicit``, else ``$WAQIA_DATA``, else ``../shared/data``.

    The default is looked for relative to the working directory first and then relative to the
    source checkout, so commands work from the repository root and from elsewhere in a checkout.
    """
    if explicit is not None:
        candidates = [Path(explicit)]
    elif os.environ.get(ENV_VAR):
        candidates = [Path(os.environ[ENV_VAR])]
    else:
        checkout = Path(__file__).resolve().parent.parent
        candidates = [Path("../shared/data"), checkout.parent / "shared" / "data"]
    for path in candidates:
        if path.is_dir():
            return path.resolve()
    if must_exist:
        raise DataError(
            f"shared data folder not found (tried {', '.join(str(p) for p in candidates)}); "
            f"set {ENV_VAR} or pass --data"
        )
    return candidates[0]
