"""huey finds each app's ``tasks`` module: oversight's tasks, one module per part."""

from wuye.oversight import tasks_audit, tasks_parameters  # noqa: F401
