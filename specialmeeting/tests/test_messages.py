"""Messages (specialmeeting.messages.LazyFallbackStorage): Django's cookie-then-session
storage, made only when a request reads or adds a message."""

from django.contrib import messages
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory


def _request(cookies=None):
    request = RequestFactory().get("/")
    request.COOKIES.update(cookies or {})
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    MessageMiddleware(lambda r: HttpResponse()).process_request(request)
    return request


def test_a_request_without_messages_makes_no_storage_and_sets_no_cookie():
    request = _request()
    response = MessageMiddleware(lambda r: HttpResponse()).process_response(request, HttpResponse())
    assert "storages" not in vars(request._messages)
    assert "messages" not in response.cookies


def test_a_message_reaches_the_next_request_and_is_shown_once():
    request = _request()
    messages.success(request, "The statement was submitted.")
    response = MessageMiddleware(lambda r: HttpResponse()).process_response(request, HttpResponse())
    cookie = response.cookies["messages"].value

    following = _request({"messages": cookie})
    assert [str(m) for m in messages.get_messages(following)] == ["The statement was submitted."]
    response = MessageMiddleware(lambda r: HttpResponse()).process_response(
        following, HttpResponse()
    )
    assert response.cookies["messages"].value == ""  # read: the cookie is cleared
