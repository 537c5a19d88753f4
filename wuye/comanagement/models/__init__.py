"""Co-management duties (5.1, 5.2): illegal construction cases, animals and pets; and the regulator's
events (1.8, 3.6, 3.8).

One module per part; each lists its models in its ``__all__``.
"""

from wuye.comanagement.models.animals import *  # noqa: F403
from wuye.comanagement.models.construction import *  # noqa: F403
from wuye.comanagement.models.events import *  # noqa: F403
