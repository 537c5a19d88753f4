"""Co-management duties (5.1, 5.2): illegal construction cases, animals and pets.

One module per part; each lists its models in its ``__all__``.
"""

from wuye.comanagement.models.animals import *  # noqa: F403
from wuye.comanagement.models.construction import *  # noqa: F403
