"""Create a local administrator for development, once, and say how to log in."""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

USERNAME = "admin"
PASSWORD_FILE = Path(settings.BASE_DIR) / ".local-admin-password"


class Command(BaseCommand):
    help = "Create the local administrator 'admin' if no superuser exists, and print its login."

    def add_arguments(self, parser):
        parser.add_argument("--port", default="8000", help="The port `make run` serves on.")

    def handle(self, *args, **options):
        User = get_user_model()
        if not User.objects.filter(is_superuser=True).exists():
            password = secrets.token_urlsafe(12)
            User.objects.create_superuser(USERNAME, "admin@localhost", password)
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
            self.stdout.write(self.style.SUCCESS("Created the local administrator."))
        if PASSWORD_FILE.exists() and User.objects.filter(username=USERNAME).exists():
            password = PASSWORD_FILE.read_text().strip()
            self.stdout.write(
                f"Admin: http://127.0.0.1:{options['port']}/admin/  "
                f"user: {USERNAME}  password: {password}"
            )
        else:
            self.stdout.write(
                "A superuser already exists. Forgot its password? "
                "Run: .venv/bin/python manage.py changepassword <user name>"
            )
