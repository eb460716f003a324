import pytest

from agenda.tests.factories import EventFactory, staff_user


@pytest.fixture
def event(db):
    return EventFactory()


@pytest.fixture
def staff(db):
    return staff_user()
