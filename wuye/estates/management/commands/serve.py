"""Start the web server and the job worker together, in the foreground, as ``make run`` does.

One process group: gunicorn serves the site, huey's consumer runs the jobs; when either stops, or
on Ctrl-C / SIGTERM, both are stopped, so nothing is left running behind the terminal.
"""

import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext_lazy

from wuye.estates.demo import DEMO_PASSWORD, demo_logins, logins_table

DESCRIPTION = gettext_lazy("启动网站（gunicorn）和后台任务（huey），在前台运行，Ctrl-C 停止。")


class Command(BaseCommand):
    @property
    def help(self):
        # argparse runs re.sub on the description, which a lazy string is not; translate it here.
        return str(DESCRIPTION)

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")

    def handle(self, *args, workers, **options):
        bind = f"{settings.HOST}:{settings.PORT}"
        python = sys.executable
        children = [
            subprocess.Popen([python, "manage.py", "run_huey"]),  # noqa: S603
            subprocess.Popen(  # noqa: S603
                [
                    python,
                    "-m",
                    "gunicorn",
                    "wuye.wsgi",
                    "--bind",
                    bind,
                    "--workers",
                    str(workers),
                    "--threads",
                    "4",
                    "--access-logfile",
                    "-",
                    "--graceful-timeout",
                    "5",
                ]
            ),
        ]
        self.print_welcome(bind)
        stopping = []

        def stop(signum, frame):
            stopping.append(signum)

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        code = 0
        while not stopping:
            exited = [child for child in children if child.poll() is not None]
            if exited:
                code = exited[0].returncode or 1
                self.stderr.write(f"A process stopped (exit {exited[0].returncode}); stopping the rest.")
                break
            time.sleep(0.5)
        for child in children:
            if child.poll() is None:
                child.terminate()
        for child in children:
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
        sys.exit(code)

    def print_welcome(self, bind):
        out = self.stdout
        out.write("")
        out.write(f"物业监督 Wuye 已启动: http://{bind}/   (Ctrl-C 停止 / stop)")
        out.write(f"API 文档 / API docs: http://{bind}/api/docs/    管理后台 / admin: http://{bind}/admin/")
        logins = demo_logins()
        if logins:
            out.write("")
            out.write(f"演示账号 Demo logins (密码 password: {DEMO_PASSWORD})")
            for line in logins_table(logins):
                out.write("  " + line)
        out.write("")
