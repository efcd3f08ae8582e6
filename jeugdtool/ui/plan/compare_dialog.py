"""What changed between two versions of the plan, as a list a consultant can read: the plan's
own sections, the family's own goals, the agreements, the safety network and the red flags,
all in Dutch.

Every text is taken out of the f-strings first: the catalogue's extractor does not look inside
them, so a `_()` there stays English. A long agreement is shortened at a word, never mid-word.
"""

from __future__ import annotations

from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QTextBrowser
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework import plan_rules
from jeugdtool.framework.plan_finalise import Change
from jeugdtool.framework.plan_finalise import FieldChange
from jeugdtool.framework.plan_finalise import PartyChange
from jeugdtool.framework.plan_finalise import VersionComparison
from jeugdtool.i18n import _

#: How many characters of an agreement's text the list shows (cut after a whole word).
SHORT = 90


def shorten(text: str, limit: int = SHORT) -> str:
    """`text` on one line, cut after the last whole word that fits (the core's rule)."""
    return plan_rules.shorten(text, limit)


def _value(value: Any) -> str:
    if value is None or value == "" or value == ():
        return _("(empty)")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "isoformat"):
        return format_date_nl(value)
    if isinstance(value, tuple):
        return ", ".join(_value(x) for x in value)
    return str(getattr(value, "label", value))


def _statements(value: Any, labels: Mapping[str, str]) -> str:
    """What an agreement serves: statement lineages by their name, never the code."""
    if not value:
        return _("(empty)")
    known = [labels[x] for x in value if x in labels]
    unknown = len(value) - len(known)
    if unknown:
        known.append(
            _("a statement of an earlier mapping moment")
            if unknown == 1
            else _("{n} statements of an earlier mapping moment").format(n=unknown)
        )
    return "; ".join(known)


def _shown(change: FieldChange, value: Any, labels: Mapping[str, str]) -> str:
    return _statements(value, labels) if change.field == "serves" else _value(value)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fields(fields: Sequence[FieldChange], labels: Mapping[str, str]) -> str:
    return "".join(
        f"<li>{_esc(f.label)}: <s>{_esc(_shown(f, f.old, labels))}</s>"
        f" → {_esc(_shown(f, f.new, labels))}</li>"
        for f in fields
    )


def _party(change: PartyChange) -> str:
    """A person the agreement names: newly, no longer, or whose acceptance changed."""
    if change.kind == Change.ADDED:
        what = _("now named")
    elif change.kind == Change.REMOVED:
        what = _("no longer named")
    else:
        what = _("acceptance changed")
    return f"<li>{_esc(change.who)}: {_esc(what)}</li>"


def _marker(kind: Change) -> str:
    return {
        Change.ADDED: _esc(_("New:")),
        Change.REMOVED: _esc(_("Removed:")),
        Change.CHANGED: _esc(_("Changed:")),
    }.get(kind, "")


def _item(kind: Change, what: str, inner: str = "") -> str:
    what = _esc(what)
    if kind == Change.ADDED:
        return f"<li><b>{_marker(kind)}</b> {what}</li>"
    if kind == Change.REMOVED:
        return f"<li><b>{_marker(kind)}</b> <s>{what}</s></li>"
    if kind == Change.CHANGED:
        return f"<li><b>{_marker(kind)}</b> {what}<ul>{inner}</ul></li>"
    return ""


def _rows(changes: Sequence[Any], name: Any, labels: Mapping[str, str]) -> list[str]:
    items = []
    for change in changes:
        row = change.after or change.before
        if row is None:
            continue
        items.append(_item(change.kind, name(row), _fields(change.fields, labels)))
    return [i for i in items if i]


def _section(heading: str, items: Sequence[str]) -> str:
    return f"<h4>{_esc(heading)}</h4><ul>{''.join(items)}</ul>" if items else ""


def comparison_html(c: VersionComparison, labels: Mapping[str, str] | None = None) -> str:
    """The comparison as HTML; `labels`: statement lineage -> how it is named ("Gevaar 1")."""
    labels = dict(labels or {})
    title = _("From version {old} to version {new}").format(old=c.older.number, new=c.newer.number)
    parts = ["<h3>" + _esc(title) + "</h3>"]
    if not c.has_changes:
        parts.append("<p>" + _esc(_("Nothing changed.")) + "</p>")
    if c.sections:
        parts.append(_section(_("The plan"), [_fields(c.sections, labels)]))
    goals = _rows(getattr(c, "family_goals", ()), lambda r: shorten(r.text), labels)
    parts.append(_section(_("The family's own goals"), goals))
    agreements = []
    for change in c.agreements:
        agreement = change.after or change.before
        if agreement is None:
            continue
        inner = _fields(change.fields, labels) + "".join(_party(p) for p in change.parties)
        agreements.append(_item(change.kind, shorten(agreement.what), inner))
    parts.append(_section(_("Agreements"), [a for a in agreements if a]))
    network = getattr(c, "network", ())
    parts.append(_section(_("Safety network"), _rows(network, lambda r: r.source.label, labels)))
    flags = getattr(c, "red_flags", ())
    parts.append(_section(_("Red flags"), _rows(flags, lambda r: shorten(r.sign), labels)))
    return "".join(parts)


class CompareDialog(QDialog):
    def __init__(
        self,
        comparison: VersionComparison,
        parent: QWidget | None = None,
        labels: Mapping[str, str] | None = None,
    ):
        super().__init__(parent)
        self.setWindowTitle(_("Compare versions of the safety plan"))
        self.resize(720, 520)
        self.view = QTextBrowser(self)
        self.view.setHtml(comparison_html(comparison, labels))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(_("Close"))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
