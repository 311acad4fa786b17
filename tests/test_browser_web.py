"""Real headless Chromium against `guidewise serve` in a subprocess: the reader's and the board's journeys."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import REPO, fresh_database_url
from guidewise.engine import Engine
from web_fixtures import PASSWORD, QUESTION, make_staff, running_server, web_engine

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
SCREENSHOT = REPO / "docs" / "screenshot-answer.png"

if not Path(CHROMIUM).exists():  # pragma: no cover - make test installs it
    pytest.skip("Debian chromium is not installed (apt-get install chromium)", allow_module_level=True)

from playwright.sync_api import Browser, Page, expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, engine: Engine) -> Iterator[str]:
    home = tmp_path_factory.mktemp("serve")
    url = fresh_database_url()
    make_staff(web_engine(home, engine, url), ("editor", "reviewer"))
    with running_server(home, home / "serve.log", database_url=url) as base:
        yield base
    text = (home / "serve.log").read_text(errors="replace")
    assert "muscle spasm" not in text.lower(), "question text reached the server log"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    ctx = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = ctx.new_page()
    yield pg
    ctx.close()


def ask(page: Page, base: str, question: str = QUESTION) -> None:
    page.goto(base + "/")
    page.get_by_label("Your question").fill(question)
    page.get_by_role("button", name="Ask", exact=True).click()
    expect(page.locator("h1")).to_have_text(question)


def test_ask_and_read_the_answer(server: str, page: Page) -> None:
    ask(page, server)
    expect(page.get_by_role("heading", name="Bottom line")).to_be_visible()
    expect(page.locator("ol.stepper li[aria-current=step]")).to_contain_text("Submitted")
    expect(page.get_by_role("heading", name="References")).to_be_visible()
    assert page.locator("ol.refs > li").count() >= 3
    assert page.locator(".refs a[href^='https://pubmed.ncbi.nlm.nih.gov/']").count() >= 1
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1100, "height": 1500})
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000


def test_switch_audience(server: str, page: Page) -> None:
    ask(page, server)
    assert "certainty evidence" in page.locator("main").inner_text()
    page.get_by_label("Patient or caregiver").check()  # submits by itself (progressive enhancement)
    page.wait_for_url(re.compile(r"audience=patient"))
    expect(page.get_by_label("Patient or caregiver")).to_be_checked()
    expect(page.locator("h1")).to_have_text(QUESTION)
    assert "certainty evidence" not in page.locator("main").inner_text()


def test_switch_audience_without_javascript(server: str, browser: Browser) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    pg = ctx.new_page()
    pg.goto(f"{server}/ask?q={QUESTION}")
    pg.get_by_label("Patient or caregiver").check()
    pg.get_by_role("button", name="Show this version").click()
    expect(pg.get_by_label("Patient or caregiver")).to_be_checked()
    assert "certainty evidence" not in pg.locator("main").inner_text()
    ctx.close()


def test_follow_a_citation_link(server: str, page: Page) -> None:
    ask(page, server)
    cite = page.locator(".bottom-line a.cite").first
    tip = cite.get_attribute("data-tip") or ""
    assert tip and cite.get_attribute("title") is None  # JS moved the title into the CSS tooltip
    cite.focus()
    shown = page.evaluate("el => getComputedStyle(el, '::after').content", cite.element_handle())
    assert tip[:30] in shown  # the tooltip shows the reference on keyboard focus
    n = cite.inner_text()
    cite.click()
    page.wait_for_url(re.compile(rf"#ref-{n}$"))
    target = page.locator(f"#ref-{n}")
    expect(target).to_be_focused()
    assert tip.split(".")[0] in target.inner_text()


def test_ask_a_follow_up(server: str, page: Page) -> None:
    ask(page, server)
    topic = page.locator(".kicker").text_content() or ""
    page.get_by_role("searchbox", name="Follow-up question").fill("and in pregnancy?")
    page.get_by_role("searchbox", name="Follow-up question").press("Enter")
    expect(page.locator("h1")).to_have_text("and in pregnancy?")
    assert re.search(r"thread=[0-9a-f]+", page.url)
    expect(page.locator(".kicker")).to_have_text(topic)
    assert "pregnan" in page.locator("main").inner_text().lower()


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(base + "/login")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()


def test_editor_saves_reviewer_approves_public_sees_approved(server: str, browser: Browser) -> None:
    editor = browser.new_context().new_page()
    sign_in(editor, server, "editor")
    ask(editor, server)
    editor.get_by_role("button", name="Save as article").click()
    editor.wait_for_url(re.compile(r"/articles/[a-z0-9-]+$"))
    slug = editor.url.rsplit("/", 1)[-1]
    expect(editor.locator(".status-label")).to_contain_text("Submitted")

    reviewer = browser.new_context().new_page()
    sign_in(reviewer, server, "reviewer")
    reviewer.get_by_role("link", name="Review queue").click()
    reviewer.locator(f"a[href='/review/{slug}']").click()
    reviewer.get_by_role("button", name="Start review").click()
    expect(reviewer.get_by_role("status")).to_have_text("Review started.")
    reviewer.get_by_label("Comment for the editors (required when requesting changes)").fill("Checked; accurate.")
    reviewer.get_by_role("button", name=re.compile("^Approve version")).click()
    expect(reviewer.get_by_role("status")).to_have_text("Approved.")

    public = browser.new_context().new_page()
    public.goto(f"{server}/articles/{slug}")
    expect(public.locator("ol.stepper li").nth(2)).to_have_class(re.compile("done"))
    expect(public.locator(".status-label")).to_contain_text("Approved by Ada Reviewer, MD, FACP")
    expect(public.locator(".reviewer")).to_have_text("Ada Reviewer, MD, FACP (Internal medicine)")
    assert "pending" not in public.locator("main").inner_text().lower()
    for p in (editor, reviewer, public):
        p.context.close()


def test_non_reviewer_cannot_approve(server: str, browser: Browser) -> None:
    editor = browser.new_context().new_page()
    sign_in(editor, server, "editor")
    ask(editor, server, "cyclobenzaprine dose for low back pain")
    editor.get_by_role("button", name="Save as article").click()
    editor.wait_for_url(re.compile(r"/articles/[a-z0-9-]+$"))
    slug = editor.url.rsplit("/", 1)[-1]
    editor.goto(f"{server}/review/{slug}")
    expect(editor.get_by_role("button", name=re.compile("^Approve"))).to_have_count(0)
    # forging the form post with the editor's own valid CSRF token is still refused
    csrf = editor.locator("input[name=csrf_token]").first.get_attribute("value")
    r = editor.request.post(f"{server}/review/{slug}", form={"action": "approve", "csrf_token": csrf or ""})
    assert r.status == 403 and "cannot approve" in r.text()
    editor.goto(f"{server}/articles/{slug}")
    expect(editor.locator(".status-label")).to_contain_text("Submitted")
    editor.context.close()


def test_keyboard_and_labels(server: str, page: Page) -> None:
    page.goto(f"{server}/ask?q={QUESTION}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    unlabelled = page.evaluate("""() => [...document.querySelectorAll('input, textarea, select')]
        .filter(e => e.type !== 'hidden' && !(e.labels && e.labels.length) && !e.getAttribute('aria-label'))
        .map(e => e.name)""")
    assert unlabelled == []
    assert page.locator("h1").count() == 1
    # reach the first citation with the keyboard alone and follow it with Enter
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('cite')"):
            break
    else:
        pytest.fail("no citation link is reachable with Tab")
    n = page.evaluate("document.activeElement.textContent")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#ref-{n}$"))
    expect(page.locator(f"#ref-{n}")).to_be_focused()
