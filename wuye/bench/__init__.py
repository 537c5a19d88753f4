"""`make bench`: the rolling duties (4.8 power rounds, 4.1 patrols) on a synthetic region in PostgreSQL.

``synthetic`` loads the region (registry rows, a year of rounds streamed into COPY with their real
hashes); ``measure`` times the floor (a serial scan of the record tables), a full and an incremental
evaluation; the ``bench`` management command runs both per size in child processes and prints the table.
"""
