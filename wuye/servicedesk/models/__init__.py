"""The service desk's records: service centres and their roster (1.2, 3.3), tickets with their
pipeline, follow-ups and appointments (1.2, 3.1, 3.2, 3.3, 6.M, 6.R, 6.W), surveys (3.7).

One module per part; each lists its models in its ``__all__``.
"""

from wuye.servicedesk.models.centres import *  # noqa: F403
from wuye.servicedesk.models.surveys import *  # noqa: F403
from wuye.servicedesk.models.tickets import *  # noqa: F403
