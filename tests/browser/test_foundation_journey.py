"""Journey: each demo role signs in to the demo organisation in a real browser."""

from __future__ import annotations

import pytest

from homeward.demo import DEMO_LOGINS, DEMO_PASSWORD, build_demo
from homeward.people.models import Person
from tests.browser.conftest import login, shot

# Who finds "Import" in the main navigation (everyone finds Home and People).
NAV = {"employee": False, "manager": False, "HR": True, "admin": True}
SLUG = {"employee": "employee", "manager": "manager", "HR": "hr", "admin": "admin"}


@pytest.fixture
def demo_org(live_server) -> None:  # type: ignore[no-untyped-def]
    build_demo(people=40, seed=7)


def nav_links(page) -> list[str]:  # type: ignore[no-untyped-def]
    return [t.strip() for t in page.locator("nav[aria-label=Main] a").all_inner_texts()]


def test_each_demo_role_signs_in_and_sees_their_home(page, demo_org):
    for demo in DEMO_LOGINS:
        login(page, demo.email, DEMO_PASSWORD)
        assert page.get_by_role("heading", level=1).inner_text() == f"Hello, {demo.name}"
        links = nav_links(page)
        assert links[0] == "Home" and "People" in links, links
        assert ("Import" in links) is NAV[demo.role], (demo.role, links)
        assert page.locator(".account").get_by_text(demo.name).is_visible()
        if demo.role == "manager":
            # Marcus's home lists his reports, Emma among them.
            assert page.get_by_role("link", name="Emma Clarke").is_visible()
        shot(page, f"home-{SLUG[demo.role]}")
        page.get_by_role("button", name="Sign out").click()
        page.wait_for_url("**/accounts/login/")


def test_directory_and_person_page(page, demo_org):
    login(page, "marcus@demo.homeward.test", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="People").click()
    page.wait_for_url("**/people/")
    assert page.get_by_role("heading", name="People").is_visible()
    rows = page.locator("#rows tr")
    assert rows.count() >= 40  # 40 people, one page
    shot(page, "people-directory")

    # Typing in the search box narrows the list without a page load (htmx).
    page.get_by_label("Search by name, team or office").fill("Emma")
    page.wait_for_function("document.querySelectorAll('#rows tr').length === 1")
    assert "Emma Clarke" in rows.first.inner_text()

    rows.first.get_by_role("link", name="Emma Clarke").click()
    emma = Person.objects.get(user__email="emma@demo.homeward.test")
    page.wait_for_url(f"**/people/{emma.pk}/")
    assert page.get_by_role("heading", name="Emma Clarke").is_visible()
    # Marcus manages Emma, so he sees her private details.
    assert page.get_by_text("Commute").is_visible()
    shot(page, "person-page")


def test_home_fits_a_phone(browser, live_server, demo_org):  # type: ignore[no-untyped-def]
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, "emma@demo.homeward.test", DEMO_PASSWORD)
        # Nothing wider than the screen: no sideways scrolling on a phone.
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, width
        assert page.get_by_role("button", name="Sign out").is_visible()
        shot(page, "home-phone")
    finally:
        context.close()


def test_hr_imports_a_file_with_one_bad_row_and_nothing_changes(page, demo_org):
    header = "email,name,manager_email,team,office,jurisdiction,start_date,commute_km,commute_minutes,commute_mode"
    rows = [
        "new.one@demo.homeward.test,New One,marcus@demo.homeward.test,Customer Support,London,GB,2026-01-05,8,25,rail",
        "new.two@demo.homeward.test,New Two,marcus@demo.homeward.test,Customer Support,London,GB,05/01/2026,8,25,rail",
    ]
    before = Person.objects.count()
    login(page, "hannah@demo.homeward.test", DEMO_PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Import").click()
    page.wait_for_url("**/people/import/")
    csv = "\n".join([header, *rows]) + "\n"
    page.get_by_label("File").set_input_files(
        files=[{"name": "people.csv", "mimeType": "text/csv", "buffer": csv.encode()}]
    )
    page.get_by_role("button", name="Import").click()
    alert = page.get_by_role("alert")
    assert "Nothing was imported: 1 problem" in alert.inner_text()
    assert "start_date '05/01/2026' is not a date" in alert.inner_text()
    assert alert.get_by_role("cell", name="3", exact=True).is_visible()  # the line number
    assert Person.objects.count() == before
    shot(page, "import-errors")

    page.get_by_label("File").set_input_files(
        files=[
            {
                "name": "people.csv",
                "mimeType": "text/csv",
                "buffer": (header + "\n" + rows[0] + "\n").encode(),
            }
        ]
    )
    page.get_by_role("button", name="Import").click()
    assert page.get_by_role("status").get_by_text("Imported: 1 created, 0 updated.").is_visible()
    assert Person.objects.count() == before + 1
