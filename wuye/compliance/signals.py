"""What the engine tells the layers above it (compliance imports none of them): they connect here."""

from django.dispatch import Signal

# Sent at the end of ``compute_scores`` with ``as_of`` (the moment scored) and ``on`` (its local day), inside
# the same transaction: oversight fills its division statistics from the snapshots just written.
scores_computed = Signal()
