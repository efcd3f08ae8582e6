"""What changed between two versions of the plan, as a list a consultant can read.

Every text is taken out of the f-strings first: the catalogue's extractor does not look inside
them, so a `_()` there stays English.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.framework.plan_finalise import Change, FieldChange, PartyChange, VersionComparison
from jeugdtool.i18n import _


def _value(value: Any) -> str:
    if value is None or value == "" or value == ():
        return _("(empty)")
    if hasattr(value, "isoformat"):
        return format_date_nl(value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, tuple):
        return ", ".join(str(x) for x in value)
    return str(getattr(value, "label", value))


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _fields(fields: tuple[FieldChange, ...]) -> str:
    return "".join(
        f"<li>{_esc(f.label)}: <s>{_esc(_value(f.old))}</s> → {_esc(_value(f.new))}</li>"
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


def comparison_html(c: VersionComparison) -> str:
    parts = [
        "<h3>"
        + _esc(
            _("From version {old} to version {new}").format(old=c.older.number, new=c.newer.number)
        )
        + "</h3>"
    ]
    if not c.has_changes:
        parts.append("<p>" + _esc(_("Nothing changed.")) + "</p>")
    if c.sections:
        heading = _esc(_("The plan"))
        parts.append(f"<h4>{heading}</h4><ul>{_fields(c.sections)}</ul>")
    new, removed, changed = _esc(_("New:")), _esc(_("Removed:")), _esc(_("Changed:"))
    items = []
    for change in c.agreements:
        agreement = change.after or change.before
        assert agreement is not None
        what = _esc(" ".join(agreement.what.split())[:90])
        if change.kind == Change.ADDED:
            items.append(f"<li><b>{new}</b> {what}</li>")
        elif change.kind == Change.REMOVED:
            items.append(f"<li><b>{removed}</b> <s>{what}</s></li>")
        elif change.kind == Change.CHANGED:
            people = "".join(_party(p) for p in change.parties)
            items.append(
                f"<li><b>{changed}</b> {what}<ul>{_fields(change.fields)}{people}</ul></li>"
            )
    if items:
        heading = _esc(_("Agreements"))
        parts.append(f"<h4>{heading}</h4><ul>{''.join(items)}</ul>")
    return "".join(parts)


class CompareDialog(QDialog):
    def __init__(self, comparison: VersionComparison, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("Compare versions of the safety plan"))
        self.resize(720, 520)
        self.view = QTextBrowser(self)
        self.view.setHtml(comparison_html(comparison))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(buttons)
