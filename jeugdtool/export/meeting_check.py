"""Rules for the meetings in a case file (`meetings`) that the JSON Schema cannot express: the
scale scores' ids the rounds refer to, participants named once, rounds that name participants
of their own meeting and scores of the file, and a case on one meeting's agenda once. The schema
has checked the shapes; what it flagged is skipped here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from jeugdtool.errors import Problem
from jeugdtool.export.framework_check import _Checker
from jeugdtool.export.framework_check import _dicts
from jeugdtool.export.framework_check import _str
from jeugdtool.export.framework_check import duplicate_message
from jeugdtool.export.paths import PathPart
from jeugdtool.export.paths import json_path
from jeugdtool.i18n import N_
from jeugdtool.i18n import _

PART = "meetings"


_PARTICIPANT_TWICE = N_("'{name}' is a participant twice (also at {other}); keep one.")


class _MeetingChecker(_Checker):
    """Collects the problems of one document's `meetings` (and of the scores' ids)."""

    def __init__(self, doc: dict[str, Any], today: dt.date):
        super().__init__(doc, today)
        #: Score id -> path of the score; None when `scale.scores` is unreadable.
        self.scores: dict[str, str] | None = None
        #: Score id -> path of the round entry that gave it.
        self.given: dict[str, str] = {}

    def score_ids(self) -> None:
        scale = self.doc.get("scale", {})
        scores = scale.get("scores", []) if isinstance(scale, dict) else None
        if not isinstance(scores, list):
            return
        self.scores = {}
        for index, score in _dicts(scores):
            ident = _str(score, "id")
            if ident is None:
                continue
            where: list[PathPart] = ["scale", "scores", index, "id"]
            if ident in self.scores:
                self.add(where, duplicate_message(ident, self.scores[ident]))
            else:
                self.scores[ident] = json_path(where)

    def meetings(self) -> None:
        seen: dict[tuple[str | None, ...], str] = {}
        for index, meeting in _dicts(self.doc.get(PART)):
            where: list[PathPart] = [PART, index]
            # Only text can name a meeting (a list in its place was reported by the schema).
            key = (_str(meeting, "date"), _str(meeting, "title"), _str(meeting, "chair"))
            other = self.earlier(where, key if None not in key else None, seen)
            if other is not None:
                message = _(
                    "this meeting (the same date, title and chair) is in the file twice (also "
                    "at {other}); a case is on a meeting's agenda once."
                )
                self.add([*where, "date"], message.format(other=other))
            names = self.participants(where, meeting.get("participants"))
            self.round(where, meeting.get("round"), names)

    def participants(self, where: list[PathPart], participants: Any) -> set[str]:
        names: dict[str, str] = {}
        for index, participant in _dicts(participants):
            name = _str(participant, "name")
            if name is None:
                continue
            at: list[PathPart] = [*where, "participants", index, "name"]
            self.once(at, name, names, _PARTICIPANT_TWICE, name=name)
        return set(names)

    def round(self, where: list[PathPart], entries: Any, names: set[str]) -> None:
        scored: dict[str, str] = {}
        for index, entry in _dicts(entries):
            at: list[PathPart] = [*where, "round", index]
            name = _str(entry, "participant")
            if name is not None:
                if name not in names:
                    message = _(
                        "'{name}' is not a participant of this meeting (see its participants)."
                    )
                    self.add([*at, "participant"], message.format(name=name))
                elif name in scored:
                    message = _("'{name}' scores twice in this round (also at {other}).")
                    self.add([*at, "participant"], message.format(name=name, other=scored[name]))
                else:
                    scored[name] = json_path(at)
            self.score([*at, "score"], _str(entry, "score"))

    def score(self, at: list[PathPart], ref: str | None) -> None:
        if ref is None or self.scores is None:
            return
        if ref not in self.scores:
            message = _("'{ref}' is not a scale score in this file (see scale.scores, their id).")
            self.add(at, message.format(ref=ref))
        elif ref in self.given:
            message = _("the scale score '{ref}' was already given in a round (at {other}).")
            self.add(at, message.format(ref=ref, other=self.given[ref]))
        else:
            self.given[ref] = json_path(at)


def meeting_rules(doc: dict[str, Any], today: dt.date) -> list[Problem]:
    """The problems of `meetings` (and of the scale scores' ids) beyond the schema."""
    checker = _MeetingChecker(doc, today)
    return checker.run(checker.score_ids, checker.meetings)
