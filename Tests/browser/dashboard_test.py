"""The dashboard in a real browser: Debian's chromium, headless, driven through chromium-driver by Selenium.

In one run it signs in, sees an article pushed through the API appear live, opens it and finds BABA highlighted,
writes a rule (checked as it is typed, tried against recent news), sees that rule's alert arrive live, weighs the
first page load, reads the browser console for errors, and saves a screenshot of each page.

Usage: python dashboard_test.py BASE_URL ADMIN_KEY SCREENSHOT_DIR
"""

import json
import os
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE, KEY, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
os.makedirs(SHOTS, exist_ok=True)
checks = []


def check(condition, what):
    checks.append(what)
    if not condition:
        raise AssertionError(what)
    print(f"ok  {what}", flush=True)


def push(article):
    request = urllib.request.Request(
        f"{BASE}/v1/articles", data=json.dumps(article).encode(), method="POST",
        headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.load(response)["articles"][0]["id"]


def shot(driver, name):
    driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))


def page_weight(driver):
    """Bytes the page and everything it loaded took on the wire (bodies as sent; headers estimated by Chrome)."""
    return driver.execute_script(
        "const nav = performance.getEntriesByType('navigation')[0];"
        "return [nav, ...performance.getEntriesByType('resource')].reduce((s, e) => s + (e.transferSize || e.encodedBodySize || 0), 0);")


options = Options()
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
for flag in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900", "--disable-gpu"):
    options.add_argument(flag)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
wait = WebDriverWait(driver, 15)
try:
    # 1. Sign in, by the form; the key becomes an HttpOnly cookie.
    driver.get(f"{BASE}/")
    check(driver.find_element(By.ID, "key").get_attribute("type") == "password", "the sign-in page asks for an API key")
    first_load = page_weight(driver)
    shot(driver, "1-signin")
    driver.find_element(By.ID, "key").send_keys("tw_not_a_key")
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    refused = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, ".error")))
    check("unknown" in refused.text, "a wrong key is refused with a message")
    driver.find_element(By.ID, "key").send_keys(KEY + Keys.ENTER)
    wait.until(EC.text_to_be_present_in_element((By.TAG_NAME, "h1"), "Live news"))
    cookie = driver.get_cookie("tickerwire_key")
    check(cookie is not None and cookie["httpOnly"] and cookie.get("sameSite") == "Strict", "signed in: an HttpOnly, SameSite=Strict cookie")
    check(driver.execute_script("return document.cookie") == "", "page scripts cannot read the key")
    feed_weight = driver.execute_script(
        "return [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')]"
        ".reduce((s, e) => s + (e.decodedBodySize || 0), 0);")
    check(first_load < 100_000, f"the first page load transfers {first_load} bytes (< 100 KB)")
    check(feed_weight < 100_000, f"the feed page with its stylesheet and script is {feed_weight} bytes uncompressed (< 100 KB)")
    driver.find_element(By.TAG_NAME, "body").send_keys(Keys.TAB)
    check(driver.switch_to.active_element.get_attribute("class") == "skip", "the first Tab reaches the skip link")

    # 2. An article pushed through the API appears live, with no reload.
    wait.until(EC.text_to_be_present_in_element((By.ID, "feed-status"), "Live"))
    driver.execute_script("window.notReloaded = true")
    title = "Alibaba (NYSE: BABA) to invest $440M in cloud, shares rise 1.4%"
    seq = push({"id": "browser-1", "source": "browser-test", "title": title,
                "body": "Alibaba Group Holding Ltd (NYSE: BABA) will invest $443 billion in cloud computing over three "
                        "years, it said on Tuesday. Shares of Alibaba rose 1.4% to $277.96."})
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'#feed .item[data-seq="{seq}"]')))
    check(driver.execute_script("return window.notReloaded === true"), "the pushed article appeared live, without a reload")
    item = driver.find_element(By.CSS_SELECTOR, f'#feed .item[data-seq="{seq}"]')
    check("BABA" in item.find_element(By.CSS_SELECTOR, ".chip").text, "its ticker chip is there")
    check(item.find_elements(By.CSS_SELECTOR, ".flag"), "its figures-disagree flag is there")
    # The same story from another outlet folds under the first.
    copy = push({"id": "browser-1b", "source": "another-wire", "title": title,
                 "body": "Alibaba Group Holding Ltd (NYSE: BABA) will invest $443 billion in cloud computing over three "
                         "years, it said on Tuesday. Shares of Alibaba rose 1.4% to $277.96. (Reporting by a wire desk.)"})
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, f'#feed .repeats:not([hidden]) .item[data-seq="{copy}"]')))
    check(len(driver.find_elements(By.CSS_SELECTOR, "#feed > li.story")) == 1, "a repeat of the story folds under the first, live")
    driver.execute_script("document.querySelector('#feed .repeats').open = true; document.activeElement.blur()")
    shot(driver, "2-feed")

    # 3. Open it: BABA is highlighted, and the highlight says how it was found.
    item.find_element(By.CSS_SELECTOR, "a.headline").click()
    mention = wait.until(EC.visibility_of_element_located((By.CSS_SELECTOR, 'mark.mention[data-symbol="BABA"]')))
    check("found by" in mention.get_attribute("title"), f"BABA is highlighted, with how it was found: {mention.get_attribute('title')!r}")
    check(driver.find_elements(By.CSS_SELECTOR, "mark.amount") and driver.find_elements(By.CSS_SELECTOR, ".evidence"),
          "amounts and event evidence are marked too")
    check("BABA" in driver.find_element(By.CSS_SELECTOR, ".facts table").text, "the instruments table lists BABA")
    shot(driver, "3-article")

    # 4. A rule: checked as it is typed, tried against recent news, saved; its alert arrives live.
    driver.get(f"{BASE}/rules")
    query = driver.find_element(By.ID, "rule-query")
    query.send_keys("ticker:BABA AND (")
    wait.until(EC.text_to_be_present_in_element((By.ID, "rule-status"), "Error at character"))
    check(driver.find_element(By.ID, "rule-caret").is_displayed() and query.get_attribute("aria-invalid") == "true",
          "a bad query shows where it fails, as it is typed")
    shot(driver, "4-rule-error")
    query.clear()
    query.send_keys("ticker:BABA")
    wait.until(EC.text_to_be_present_in_element((By.ID, "rule-status"), "Valid"))
    driver.find_element(By.ID, "rule-name").send_keys("BABA news")
    driver.find_element(By.ID, "rule-test").click()
    wait.until(EC.text_to_be_present_in_element((By.ID, "rule-test-results"), "Would have caught"))
    check(title in driver.find_element(By.ID, "rule-test-results").text, "testing against recent news finds the pushed article")
    shot(driver, "5-rule-test")
    driver.find_element(By.CSS_SELECTOR, "#rule-form button[type=submit]").click()
    wait.until(EC.text_to_be_present_in_element((By.CSS_SELECTOR, "table.list"), "BABA news"))
    shot(driver, "6-rules")

    driver.get(f"{BASE}/alerts")
    wait.until(EC.text_to_be_present_in_element((By.ID, "alerts-status"), "Live"))
    push({"id": "browser-2", "source": "browser-test", "title": "Alibaba opens a new data centre in Riyadh",
          "body": "Alibaba Group Holding Ltd (NYSE: BABA) opened a data centre in Riyadh on Wednesday, its third in the region."})
    alert = wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "#alerts li.alert")))
    check("BABA news" in alert.text and "Riyadh" in alert.text, "the rule's alert arrived live in the inbox")
    shot(driver, "7-alerts")

    # 5. The other pages, for a look.
    driver.get(f"{BASE}/instruments/BABA")
    check(driver.find_elements(By.CSS_SELECTOR, "svg.chart rect.bar"), "the instrument page draws its 30-day chart")
    shot(driver, "8-instrument")
    driver.get(f"{BASE}/search?tickers=BABA&sentiment=")
    check("Riyadh" in driver.find_element(By.TAG_NAME, "main").text, "search by ticker finds the articles")
    shot(driver, "9-search")
    driver.get(f"{BASE}/keys")
    check("TICKERWIRE_ADMIN_KEY" in driver.find_element(By.TAG_NAME, "main").text, "the keys page lists the keys")
    shot(driver, "10-keys")
    unlabelled = driver.execute_script(
        "return Array.from(document.querySelectorAll('main input:not([type=hidden]), main select, main textarea'))"
        ".filter(e => !(e.id && document.querySelector(`label[for=\"${e.id}\"]`)) && !e.closest('label')).length")
    check(unlabelled == 0, "every field on the keys page has a label")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    driver.get(f"{BASE}/")
    shot(driver, "11-feed-dark")

    # 6. No errors in the browser console, on any page.
    # (The one answer expected to fail is the wrong key's sign-in: a 401, which Chrome logs as a network error.)
    errors = [e for e in driver.get_log("browser")
              if e["level"] == "SEVERE" and not ("/signin" in e["message"] and "401" in e["message"])]
    check(not errors, f"no errors in the browser console ({errors[:3]})")
finally:
    driver.quit()
print(f"browser test: {len(checks)} checks passed; screenshots in {SHOTS}")
