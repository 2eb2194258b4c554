#!/usr/bin/env python3
"""Checks live reload as a user meets it: `gazette serve` on a new site, and a real browser
(headless Chromium through Selenium) with more pages of the preview open than browsers allow
connections to one host (6 over HTTP/1.1).

Every page must load, every page must reload when the site is saved, and every page must show
the errors of a broken save over it and reload once the save is fixed.

usage: check-live-reload.py PATH_TO_GAZETTE
"""
import os, re, shutil, subprocess, sys, tempfile, time

# Selenium must use Debian's chromedriver as it is, and download nothing.
os.environ.setdefault("SE_OFFLINE", "true")
from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
gazette = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build/debug/gazette"))
PAGES = 8
failures = []
checks = 0


def check(ok, message):
    global checks
    checks += 1
    if not ok:
        failures.append(message)
        print("FAIL:", message, flush=True)
    return ok


def find(*names):
    for name in names:
        path = shutil.which(name)
        if path:
            return path
    sys.exit(f"none of {', '.join(names)} is installed (make test installs chromium and chromium-driver)")


def start_server(site, log):
    server = subprocess.Popen([gazette, "serve", "--site", site, "--port", "0"], stdout=log, stderr=subprocess.STDOUT)
    deadline = time.time() + 60
    while time.time() < deadline and server.poll() is None:
        with open(log.name, encoding="utf-8") as f:
            found = re.search(r"^Serving (http://\S+)", f.read(), re.M)
        if found:
            return server, found.group(1)
        time.sleep(0.1)
    server.kill()
    sys.exit("gazette serve did not print its address:\n" + open(log.name, encoding="utf-8").read())


def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = find("chromium", "chromium-browser", "google-chrome")
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--no-first-run", "--window-size=1024,768"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(options=options, service=Service(find("chromedriver")))
    # A page that cannot get a connection never finishes loading: give up on it in time.
    driver.set_page_load_timeout(15)
    driver.set_script_timeout(10)
    return driver


def wait_for(what, condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            if condition():
                return True
        except WebDriverException:
            pass  # a page in the middle of reloading
        time.sleep(0.1)
    return False


def every_page(driver, tabs, script):
    """Runs `script` in each page; True when it returned true in all of them."""
    for tab in tabs:
        driver.switch_to.window(tab)
        if not driver.execute_script(script):
            return False
    return True


def open_pages(driver, url, before_load=lambda n: None):
    """Opens PAGES pages of the preview, each in a tab (or whatever `before_load` makes of it);
    returns their window handles once all are loaded, or None."""
    tabs = []
    for n in range(PAGES):
        if n > 0:
            before_load(n)
        tabs.append(driver.current_window_handle)
        start = time.time()
        try:
            driver.get(f"{url}?page={n + 1}")
            loaded = "Reload Check" in driver.title
        except TimeoutException:
            loaded = False
        check(loaded, f"page {n + 1} of {PAGES} did not load within 15 s")
        print(f"page {n + 1}: {'loaded' if loaded else 'did not load'} in {time.time() - start:.2f} s", flush=True)
    if failures:
        return None
    # Every page has started its live reload once its script has run.
    check(wait_for("live reload in every page", lambda: every_page(
        driver, tabs, "return !!document.querySelector('script[data-gazette-build]')")),
        "a page has no live-reload script")
    time.sleep(1)
    return tabs


def save_title(site, title):
    config = os.path.join(site, "site.yml")
    text = open(config, encoding="utf-8").read()
    open(config, "w", encoding="utf-8").write(re.sub(r'(?m)^title: .*$', f'title: "{title}"', text, count=1))


def shared_stream(driver, url, site, article):
    """Tabs that all stay open: one event stream for them all, held by a shared worker."""
    print("pages in tabs, sharing one stream", flush=True)
    tabs = open_pages(driver, url, lambda n: driver.switch_to.new_window("tab"))
    if tabs is None:
        return
    # A save: every page reloads and shows it.
    every_page(driver, tabs, "window.gazetteCheck = 'not reloaded'; return true")
    save_title(site, "Reload Check Saved")
    check(wait_for("every page to reload", lambda: every_page(
        driver, tabs, "return window.gazetteCheck === undefined && document.title.includes('Reload Check Saved')"),
        seconds=15), "not every page reloaded after a save")

    # A broken save: every page shows its errors over it; the fix reloads them all.
    original = open(article, encoding="utf-8").read()
    open(article, "w", encoding="utf-8").write(re.sub(r"(?m)^date: .*$", "date: someday", original, count=1))
    check(wait_for("the errors in every page", lambda: every_page(
        driver, tabs, "var o = document.getElementById('gazette-overlay');"
                      "return !!o && o.textContent.includes('someday')"), seconds=15),
          "not every page shows the errors of a broken save")
    every_page(driver, tabs, "window.gazetteCheck = 'not reloaded'; return true")
    open(article, "w", encoding="utf-8").write(original)
    check(wait_for("every page to reload after the fix", lambda: every_page(
        driver, tabs, "return window.gazetteCheck === undefined && !document.getElementById('gazette-overlay')"),
        seconds=15), "not every page reloaded after the fix")


def own_streams(driver, url, site):
    """A browser without shared workers: each page holds a stream only while it is visible, so
    pages in windows put out of sight leave their connections to the others, and reload when
    they come back if the site changed meanwhile."""
    print("pages in windows, without shared workers, all but the last out of sight", flush=True)
    no_shared_workers = {"source": "delete window.SharedWorker;"}

    def next_window(n):
        driver.minimize_window()
        driver.switch_to.new_window("window")
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", no_shared_workers)

    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", no_shared_workers)
    tabs = open_pages(driver, url, next_window)
    if tabs is None:
        return
    check(every_page(driver, tabs, "return typeof SharedWorker === 'undefined'"), "SharedWorker was not removed")
    every_page(driver, tabs, "window.gazetteCheck = 'not reloaded'; return true")
    save_title(site, "Reload Check Seen")
    driver.switch_to.window(tabs[-1])
    check(wait_for("the page in sight to reload", lambda: every_page(
        driver, tabs[-1:], "return window.gazetteCheck === undefined && document.title.includes('Reload Check Seen')")),
        "the page in sight did not reload after a save")
    in_sight = tabs[-1]
    for tab in tabs[:-1]:
        # As a user switching tabs: the page that was in sight goes out of it.
        driver.switch_to.window(in_sight)
        driver.minimize_window()
        in_sight = tab
        driver.switch_to.window(tab)
        # As the user would, un-minimise it (through DevTools: chromedriver's own command waits
        # on the page, which is reloading).
        window = driver.execute_cdp_cmd("Browser.getWindowForTarget", {})["windowId"]
        driver.execute_cdp_cmd("Browser.setWindowBounds", {"windowId": window, "bounds": {"windowState": "normal"}})
        check(wait_for("a page brought back into sight to reload", lambda: every_page(
            driver, [tab], "return window.gazetteCheck === undefined && document.title.includes('Reload Check Seen')")),
            "a page brought back into sight did not reload")


def main():
    with tempfile.TemporaryDirectory() as tmp:
        site = os.path.join(tmp, "site")
        subprocess.run([gazette, "init", site, "--title", "Reload Check"], check=True, capture_output=True)
        article = sorted(os.path.join(d, f) for d, _, fs in os.walk(os.path.join(site, "content")) for f in fs)[0]
        with open(os.path.join(tmp, "serve.log"), "w+", encoding="utf-8") as log:
            server, url = start_server(site, log)
            try:
                for scenario in [lambda d: shared_stream(d, url, site, article), lambda d: own_streams(d, url, site)]:
                    driver = browser()
                    try:
                        scenario(driver)
                    finally:
                        driver.quit()
            finally:
                server.terminate()
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()


if __name__ == "__main__":
    main()
    print(f"live reload checks: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
