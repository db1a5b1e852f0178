"""Reading environment variables, for the "Environment" block of config/settings/base.py."""

import os


def env_flag(name, default):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable as a list, without blanks."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name, default):
    """Read a whole-number environment variable; unset or blank means the default."""
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_str(name, default=""):
    """Read an environment variable as text, stripped; unset or blank means the default."""
    return os.environ.get(name, "").strip() or default
