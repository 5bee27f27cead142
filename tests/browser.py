"""Helpers shared by the tests that drive Debian's headless Chromium (the
review page, the audit report) and start local servers."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import subprocess
import sys

import pytest

APT_PACKAGES = ("chromium", "chromium-driver")


def _installed() -> tuple[str, str] | None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@functools.cache
def chromium() -> tuple[str, str] | None:
    """(browser, driver) paths of Debian's chromium and chromium-driver. A clean
    Debian machine where the tests run as root (CI, a container) gets them from
    apt first, so the browser tests run there instead of being skipped;
    REPLYLINT_TESTS_NO_APT=1 turns that off."""
    found = _installed()
    if found or os.environ.get("REPLYLINT_TESTS_NO_APT") or not shutil.which("apt-get") \
            or not hasattr(os, "geteuid") or os.geteuid() != 0:
        return found
    print(f"installing {' '.join(APT_PACKAGES)} with apt-get for the browser tests", file=sys.stderr)
    install = ["apt-get", "install", "-y", "-q", "--no-install-recommends", *APT_PACKAGES]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    for step in ([install], [["apt-get", "update", "-q"], install]):  # the package lists may be missing or stale
        try:
            if all(subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  timeout=900).returncode == 0 for cmd in step):
                break
        except (OSError, subprocess.TimeoutExpired):
            break
    return _installed()


needs_chromium = pytest.mark.skipif(chromium() is None,
                                    reason="Debian's chromium and chromium-driver are not installed")


@contextlib.contextmanager
def headless_chrome(width: int, height: int):
    """A Selenium driver of headless Chromium, closed afterwards (skips without Selenium)."""
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    browser, driver_path = chromium()
    options = Options()
    options.binary_location = browser
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},{height}", "--lang=en"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
