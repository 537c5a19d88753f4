"""Records of oversight: one module per part (credit lists and publication, rectification orders, reminders)."""

from wuye.oversight.models.audit import ChainVerification  # noqa: F401
from wuye.oversight.models.dashboard import DivisionStat  # noqa: F401
from wuye.oversight.models.onboarding import *  # noqa: F403
from wuye.oversight.models.orders import *  # noqa: F403
from wuye.oversight.models.reminders import RegulatorDigest  # noqa: F401
