"""Every installed package comes from the lock files, pinned with its hashes."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==([^\s\\;]+)", re.MULTILINE)


def pins(path):
    return {
        name.lower().replace("_", "-"): version for name, version in PIN.findall(path.read_text())
    }


@pytest.mark.parametrize(
    ("requirements", "lock"),
    [("requirements.txt", "requirements.lock"), ("requirements-dev.txt", "requirements-dev.lock")],
)
def test_the_lock_holds_every_pin_of_the_requirements_at_the_same_version(requirements, lock):
    locked = pins(ROOT / lock)
    wanted = pins(ROOT / requirements)
    assert wanted, requirements
    assert {name: locked.get(name) for name in wanted} == wanted, "run `make lock`"


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-dev.lock"])
def test_every_locked_package_has_a_hash_and_nothing_points_at_this_machine(lock):
    text = (ROOT / lock).read_text()
    entries = re.split(r"\n(?=[A-Za-z0-9])", text)
    packages = [entry for entry in entries if PIN.match(entry)]
    assert len(packages) > 50
    assert all("--hash=sha256:" in entry for entry in packages)
    assert "--find-links" not in text and "--extra-index-url" not in text


def test_the_dev_lock_keeps_the_runtime_versions():
    runtime, dev = pins(ROOT / "requirements.lock"), pins(ROOT / "requirements-dev.lock")
    assert {name: dev.get(name) for name in runtime} == runtime
