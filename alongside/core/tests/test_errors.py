import pytest
from django.db import OperationalError, connection
from django.test import RequestFactory
from django.utils.functional import SimpleLazyObject

from alongside.core import views


@pytest.mark.django_db
def test_missing_pages_use_the_nhs_styled_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Page not found" in response.content and b"nhsuk-header" in response.content


@pytest.mark.django_db
def test_the_server_error_page_shows_no_detail():
    request = RequestFactory().get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    response = views.server_error(request)
    assert response.status_code == 500
    assert b"Sorry, there is a problem with the service" in response.content
    assert b"Traceback" not in response.content


@pytest.mark.django_db
def test_a_form_posted_without_its_security_token_gets_a_kind_page(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post("/accounts/login/", {"login": "x", "password": "y"})
    assert response.status_code == 403
    assert b"Your form could not be sent" in response.content


@pytest.mark.django_db
def test_health_check_answers(client):
    assert client.get("/health/").json() == {"status": "ok"}


# ----------------------------------------------------------------------------------------------- without the database


class Outage:
    """Every query made from the moment `begin()` is called fails as it would with PostgreSQL stopped; the queries
    tried after that are counted (`tried`), so a test can say that the error page itself made none."""

    def __init__(self):
        self.down = False
        self.tried: list[str] = []

    def begin(self) -> None:
        self.down = True

    def __call__(self, execute, sql, params, many, context):
        if not self.down:
            return execute(sql, params, many, context)
        self.tried.append(sql)
        raise OperationalError('connection to server on socket "/tmp/.s.PGSQL.5432" failed: No such file or directory')


@pytest.fixture
def outage():
    watch = Outage()
    with connection.execute_wrapper(watch):
        yield watch


def unavailable(response) -> None:
    """The NHS.UK page that says the service is unavailable, asking to be tried again later, with nothing of the
    failure in it."""
    assert response.status_code == 503
    assert response["Retry-After"] == "30" and "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "nhsuk-header" in body and "nhsuk-footer" in body
    assert "<title>Sorry, the service is unavailable – " in body
    assert '<h1 class="nhsuk-heading-l">Sorry, the service is unavailable</h1>' in body
    assert "OperationalError" not in body and "PGSQL" not in body


@pytest.mark.django_db
def test_a_signed_in_page_while_the_database_is_away_is_the_nhs_page_saying_the_service_is_unavailable(
    client, signed_in, outage
):
    user = signed_in("clinician")
    client.raise_request_exception = False
    outage.begin()
    response = client.get("/")
    unavailable(response)
    # Reading the session failed once; the page itself tried no query (no name, no menu, no messages from it).
    assert len(outage.tried) == 1
    assert user.display_name not in response.content.decode() and "Sign out" not in response.content.decode()


@pytest.mark.django_db
def test_the_database_going_away_in_the_middle_of_a_page_gives_the_same_page(client, signed_in, outage, monkeypatch):
    signed_in("clinician")
    client.raise_request_exception = False

    def panels_while_the_database_goes():
        outage.begin()
        with connection.cursor() as cursor:
            cursor.execute("select 1")
        return []

    monkeypatch.setattr(views.registry, "home_panels", panels_while_the_database_goes)
    response = client.get("/")
    unavailable(response)
    assert len(outage.tried) == 1  # the view's own query; the error page made none


@pytest.mark.django_db
def test_any_other_failure_is_still_the_problem_page_with_status_500(client, signed_in, monkeypatch):
    signed_in("clinician")
    client.raise_request_exception = False

    def broken():
        raise RuntimeError("a bug")

    monkeypatch.setattr(views.registry, "home_panels", broken)
    response = client.get("/")
    assert response.status_code == 500 and "Retry-After" not in response
    assert b"Sorry, there is a problem with the service" in response.content and b"nhsuk-header" in response.content
    assert b"Sign out" in response.content  # the database is there: the header is as usual


@pytest.mark.django_db
def test_an_error_page_whose_user_cannot_be_read_leaves_out_what_needs_the_database(outage):
    request = RequestFactory().get("/no-such-page/")

    def user_from_the_session():
        outage.begin()
        with connection.cursor() as cursor:
            cursor.execute("select 1")

    request.user = SimpleLazyObject(user_from_the_session)
    response = views.page_not_found(request)
    assert response.status_code == 404
    assert b"Page not found" in response.content and b"nhsuk-header" in response.content
    assert len(outage.tried) == 1


@pytest.mark.django_db
def test_health_says_the_database_is_unreachable_with_status_503(client, outage):
    outage.begin()
    response = client.get("/health/")
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert response.json() == {"status": "unavailable", "database": "unreachable"}


@pytest.mark.django_db
def test_the_unavailable_pages_try_again_link_stays_on_this_site():
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.path = request.path_info = "//elsewhere.example/x"  # a path that a browser would read as another site
    request.user = AnonymousUser()
    try:
        raise OperationalError("the database is restarting")
    except OperationalError:
        response = views.server_error(request)
    assert response.status_code == 503
    assert 'href="/elsewhere.example/x"' in response.content.decode()
    assert 'href="//elsewhere.example' not in response.content.decode()
