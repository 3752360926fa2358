"""The demo page in a real browser: Debian's chromium and chromedriver (installed by .ci/run), driven by
selenium, against gunicorn on 127.0.0.1 with spaCy and an API key. The page loads without the key,
shows the 401 as a message, then, with the key, highlights exactly the facts of the response."""

from __future__ import annotations

import json
import os

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

from tools.loopback import Server, post_json, request

CHROMEDRIVER = "/usr/bin/chromedriver"
KEY = "demo-key"
# our own text; the emoji is one code point but two UTF-16 units: the page must cut by code points
TEXT = (
    "🚨 Lundi 3 mars, la police a interpellé quatre militants écologistes à Grenoble. "
    "Selon les pompiers, deux manifestants ont été blessés. "
    "Près de 1 500 personnes avaient défilé la veille dans le centre-ville."
)
REFERENCE_DATE = "2025-03-05"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    log = tmp_path_factory.mktemp("gunicorn") / "gunicorn.log"
    with Server("spacy", workers=1, env={"FAITS_API_KEY": KEY}, log=log) as s:
        yield s


@pytest.fixture(scope="module")
def browser():
    os.environ["SE_OFFLINE"] = "true"  # selenium-manager must not look for a driver online
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1400"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=ChromeService(executable_path=CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def merged(ranges) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [tuple(r) for r in out]


def drop_timings(body: dict) -> dict:
    return {**body, "meta": {k: v for k, v in body["meta"].items() if k != "timings_ms"}}


def submit(browser, key: str) -> None:
    field = browser.find_element(By.ID, "api-key")
    field.clear()
    field.send_keys(key)
    browser.find_element(By.ID, "send").click()


def test_demo_page_highlights_the_facts_of_the_response(server, browser, tmp_path, capsys):
    base = f"http://127.0.0.1:{server.port}"
    assert request(server.port, "GET", "/")[0] == 200  # the page needs no key
    browser.get(base + "/")
    assert "faits" in browser.title
    browser.find_element(By.ID, "text").send_keys(TEXT)
    # a date input takes the digits in the browser's locale order; set it the way a script would
    browser.execute_script("document.getElementById('reference-date').value = arguments[0]", REFERENCE_DATE)
    wait = WebDriverWait(browser, 60)

    # without the key: the 401 problem, as a sentence
    submit(browser, "")
    message = wait.until(EC.visibility_of_element_located((By.ID, "message")))
    assert "Unauthorized (401)" in message.text and "API key" in message.text

    # with the key: the response, drawn over the text
    submit(browser, KEY)
    wait.until(EC.visibility_of_element_located((By.ID, "result")))
    assert not browser.find_element(By.ID, "message").is_displayed()
    status, expected = post_json_with_key(server.port, {"text": TEXT, "reference_date": REFERENCE_DATE})
    assert status == 200 and len(expected["facts"]) >= 2
    shown = json.loads(browser.find_element(By.ID, "raw").text)
    assert drop_timings(shown) == drop_timings(expected)

    segs = browser.execute_script("""
        return [...document.querySelectorAll('#annotated .seg')].map(e => ({
            start: +e.dataset.start, end: +e.dataset.end, text: e.textContent, cls: [...e.classList],
            facts: (e.dataset.facts || '').split(' ').filter(Boolean).map(Number),
            trigger: (e.dataset.trigger || '').split(' ').filter(Boolean).map(Number),
            count: (e.dataset.count || '').split(' ').filter(Boolean).map(Number)}));""")
    assert browser.find_element(By.ID, "annotated").text == TEXT
    for s in segs:  # code point offsets, as the API's
        assert s["text"] == TEXT[s["start"] : s["end"]]
    for i, fact in enumerate(expected["facts"]):
        evidences = fact["evidences"] or [fact["evidence"]]
        assert merged((s["start"], s["end"]) for s in segs if i in s["facts"]) == merged(
            (e["start"], e["end"]) for e in evidences
        )
        assert merged((s["start"], s["end"]) for s in segs if i in s["trigger"]) == [
            (fact["trigger"]["start"], fact["trigger"]["end"])
        ]
        if fact.get("count") and fact["count"]["start"] is not None:
            assert merged((s["start"], s["end"]) for s in segs if i in s["count"]) == [
                (fact["count"]["start"], fact["count"]["end"])
            ]
        assert all(f"fact-{expected['facts'][s['facts'][0]]['type']}" in s["cls"] for s in segs if s["facts"])
    highlighted = {i for s in segs for i in s["facts"]}
    assert highlighted == set(range(len(expected["facts"])))  # every fact, and nothing else
    for kind, items in (("date", expected["dates"]), ("ent", expected["entities"])):
        assert merged((s["start"], s["end"]) for s in segs if kind in s["cls"]) == merged(
            (d["start"], d["end"]) for d in items
        )

    # hovering a highlighted passage shows its fact's fields
    first = browser.find_element(By.CSS_SELECTOR, "#annotated .seg[data-facts]")
    ActionChains(browser).move_to_element(first).perform()
    i = int(first.get_attribute("data-facts").split()[0])
    fact = expected["facts"][i]
    details = wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#details dd[data-field]"))
    fields = {d.get_attribute("data-field"): d.text for d in details}
    assert fields["type"] == fact["type"] and fields["modality"] == fact["modality"]
    if fact.get("count"):
        assert str(fact["count"]["value"]) in fields["count"] and fact["count"]["qualifier"] in fields["count"]
    # clicking a fact of the list selects it too
    items = browser.find_elements(By.CSS_SELECTOR, "#facts li")
    assert len(items) == len(expected["facts"])
    items[-1].click()
    assert browser.find_element(By.ID, "details").get_attribute("data-fact") == str(len(items) - 1)

    shot = tmp_path / "demo-page.png"
    assert browser.save_screenshot(str(shot)) and shot.stat().st_size > 10_000
    with capsys.disabled():
        print(f"\ndemo page screenshot: {shot}")


def post_json_with_key(port: int, payload: dict) -> tuple[int, dict]:
    status, _, body = request(
        port,
        "POST",
        "/extract",
        json.dumps(payload, ensure_ascii=False),
        {"Content-Type": "application/json", "Authorization": f"Bearer {KEY}"},
    )
    return status, json.loads(body)


def test_problem_details_are_readable(server, browser):
    browser.get(f"http://127.0.0.1:{server.port}/")
    browser.find_element(By.ID, "text").send_keys("   ")
    submit(browser, KEY)
    message = WebDriverWait(browser, 30).until(EC.visibility_of_element_located((By.ID, "message")))
    assert "Unprocessable" in message.text and "422" in message.text and "• text:" in message.text
    assert not browser.find_element(By.ID, "result").is_displayed()
    assert post_json(server.port, "/extract", {"text": "x"})[0] == 401  # the key still guards the API
