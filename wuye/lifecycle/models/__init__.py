"""Taking over and leaving a project (2.1–2.4): the takeover and exit workflows.

One module per part; each lists its models in its ``__all__``.
"""

from wuye.lifecycle.models.exit import *  # noqa: F403
from wuye.lifecycle.models.takeover import *  # noqa: F403
