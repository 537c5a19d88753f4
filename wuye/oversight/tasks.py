"""Oversight's jobs, found by huey's autodiscovery of ``tasks`` modules: one module per part."""

from wuye.oversight import tasks_audit, tasks_onboarding, tasks_parameters, tasks_reminders  # noqa: F401
