"""Events the default pipeline finds in a text written for a test: one loaded pipeline and the small
look-ups the event test modules share."""

from __future__ import annotations

from functools import cache

import waqia
from waqia.pipeline import Pipeline
from waqia.record import Event

PUB_DATE = "2014-10-01"


@cache
def pipeline() -> Pipeline:
    return waqia.load()


def events_of(text: str) -> list[Event]:
    """Every event the default pipeline finds in ``text``, published on :data:`PUB_DATE`."""
    return waqia.extract(text, pipeline=pipeline(), pub_date=PUB_DATE).events


def the_one(text: str, typ: str) -> Event:
    """The one event of type ``typ`` in ``text``; fails when there is none or more than one."""
    events = [e for e in events_of(text) if e.type == typ]
    assert len(events) == 1, [(e.type, e.trigger.text) for e in events_of(text)]
    return events[0]


def located(text: str, typ: str) -> str | None:
    """The place name of the one event of type ``typ`` in ``text``."""
    event = the_one(text, typ)
    return event.location.name if event.location else None
