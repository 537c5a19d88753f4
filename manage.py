#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wuye.settings")
    # A bare checkout (no SECRET_KEY, no WUYE_ENV) is a developer's machine: use development settings.
    # Anywhere SECRET_KEY is set, the default stays production, which also demands PII_KEY.
    if "WUYE_ENV" not in os.environ and "SECRET_KEY" not in os.environ:
        os.environ["WUYE_ENV"] = "development"
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
