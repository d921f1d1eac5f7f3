"""A picture of the audit report: clean the seeds, build the report, screenshot it.

    python bench/screenshot.py [PATH] [--rule RULE] [--width 1400] [--height 0]

Cleans ``seeds/`` into a temporary folder, builds its report and opens it in headless
Chromium (``/usr/bin/chromium`` driven by ``/usr/bin/chromedriver`` through Selenium), then
saves a PNG of the whole page to PATH (default ``docs/report.png``). ``--rule`` clicks that
rule's bar first, so the picture shows the page filtered by it; ``--height`` caps the picture
(0: the whole page). Exits 1 if the page logged a JavaScript error.

Needs ``pip install selenium`` and ``apt-get install chromium chromium-driver``.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")


def chrome(profile: Path, width: int = 1400, height: int = 1000):
    """A headless Chromium that keeps its browser log (for JavaScript errors)."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        f"--user-data-dir={profile}",
        f"--window-size={width},{height}",
    ):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", type=Path, default=ROOT / "docs" / "report.png")
    parser.add_argument("--rule", help="click this rule's bar before the picture")
    parser.add_argument("--width", type=int, default=1400)
    parser.add_argument("--height", type=int, default=0, help="cap the height (0: whole page)")
    args = parser.parse_args()

    from cleaner.audit import build_report

    with tempfile.TemporaryDirectory() as scratch:
        run = Path(scratch) / "run"
        done = subprocess.run(
            [sys.executable, "-m", "cleaner", "clean", str(ROOT / "seeds"), "--out", str(run)],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        if done.returncode not in (0, 1):
            sys.exit(f"cleaner failed ({done.returncode}):\n{done.stderr}")
        report = run / "report.html"
        build_report(run, report)
        driver = chrome(Path(scratch) / "profile", args.width)
        try:
            driver.get(report.as_uri())
            if args.rule:
                from selenium.webdriver.common.by import By

                index = [
                    option.text.split(" (")[0]
                    for option in driver.find_elements(By.CSS_SELECTOR, "#f-rule option")
                ].index(args.rule)
                driver.find_element(By.CSS_SELECTOR, f'#chart [data-rule="{index - 1}"]').click()
            height = driver.execute_script("return document.documentElement.scrollHeight")
            if args.height:
                height = min(height, args.height)
            driver.set_window_size(args.width, height)
            args.path.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(args.path))
            errors = [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]
        finally:
            driver.quit()
    print(f"{args.path}: {args.width}x{height}")
    if errors:
        sys.exit("JavaScript errors:\n" + "\n".join(entry["message"] for entry in errors))


if __name__ == "__main__":
    main()
