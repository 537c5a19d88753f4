"""Money: fee standards, bills, payments and receipts (1.5, 1.6), half-year statements (1.6),
common parts (2.5), parking (2.6).

One module per part; each lists its models in its ``__all__``.
"""

from wuye.finance.models.commonareas import *  # noqa: F403
from wuye.finance.models.fees import *  # noqa: F403
from wuye.finance.models.notices import *  # noqa: F403
from wuye.finance.models.parking import *  # noqa: F403
from wuye.finance.models.statements import *  # noqa: F403
