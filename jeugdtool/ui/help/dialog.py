"""The dialog to add or change one help item, with inline checks from the core rules.

Messages appear under a field once it is left and vanish as soon as it is fixed; OK with a
problem left shows every message and keeps the dialog, and all that was typed, open.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QComboBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QLineEdit
from PySide6.QtWidgets import QListWidget
from PySide6.QtWidgets import QListWidgetItem
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool.errors import InvalidInput
from jeugdtool.errors import Problem
from jeugdtool.errors import collect
from jeugdtool.framework import special_rules
from jeugdtool.i18n import _
from jeugdtool.outcomes import help_rules
from jeugdtool.outcomes.dto import HelpItemDTO
from jeugdtool.outcomes.dto import ServeChoice
from jeugdtool.outcomes.products import ProductList
from jeugdtool.outcomes.vocab import DecidedBy
from jeugdtool.outcomes.vocab import HelpUnit

from jeugdtool.ui.dialogs import DialogService
from jeugdtool.ui.help import texts
from jeugdtool.ui.special_mark import SpecialCategoryBox
from jeugdtool.ui.special_mark import hint_label
from jeugdtool.ui.special_mark import show_hint
from jeugdtool.ui.widgets import GrowingTextEdit
from jeugdtool.ui.widgets import date_edit
from jeugdtool.ui.widgets import line_edit
from jeugdtool.ui.workspace.inline import ErrorLabel
from jeugdtool.ui.workspace.inline import muted
from jeugdtool.ui.workspace.member_dialogs import MemberDialog
from jeugdtool.ui.workspace.member_dialogs import Submit

#: A kind of help as the combo box holds it: "<product list id> <category code>" (a tuple
#: would come back from Qt as a list).
SEPARATOR = " "
#: The fields typed as dates.
DATES = ("starts_on", "planned_end", "ended_on")
#: The kind is one choice in the dialog, two fields in the rules.
KIND_FIELDS = ("product_list", "category")
#: Fields checked against others too, and the fields whose change may change that.
LINKED = {
    "planned_end": ("starts_on",),
    "ended_on": ("starts_on",),
    "unit": ("unit_cost_cents",),
}
CROSS_CHECKED = tuple(LINKED)
#: The tallest the list of goals gets before it scrolls.
SERVES_HEIGHT = 180


def check(fields: Mapping[str, Any], *, new: bool, today: dt.date | None = None) -> dict[str, Any]:
    """The dialog's values through the core rules (every problem at once): the kind becomes
    its list and code, the euro amount as typed cents, the number of units a number."""
    given = dict(fields)
    clean: dict[str, Any] = {}
    with collect() as problems:
        if "kind" in given:
            chosen = given.pop("kind")
            if chosen is None:
                problems.add(Problem("kind", _("Choose the kind of help.")))
            else:
                given.update(zip(KIND_FIELDS, chosen, strict=True))
        if isinstance(given.get("unit_cost_cents"), str):
            text = given.pop("unit_cost_cents")
            with problems.catching():
                given["unit_cost_cents"] = help_rules.cents_from_text(text)
        if isinstance(given.get("units"), str):
            text = given["units"].strip()
            # Not a number: the rule says what it must be.
            given["units"] = int(text) if text.isdigit() else (text or None)
        with problems.catching():
            clean = help_rules.clean_help(given, new=new, today=today)
    return clean


def euros_typed(cents: int | None) -> str:
    """Cents as typed into the cost field ("1250,50": the way `cents_from_text` reads it)."""
    return "" if cents is None else f"{cents // 100},{cents % 100:02d}"


def _problems_on_kind(exc: InvalidInput) -> InvalidInput:
    """The rules' problems with the list or the code are the dialog's kind field's (one
    message there is enough: no kind chosen means no list and no code)."""
    moved: list[Problem] = []
    for problem in exc.problems:
        if problem.field in (*KIND_FIELDS, "kind"):
            if any(p.field == "kind" for p in moved):
                continue
            problem = Problem("kind", problem.message)
        moved.append(problem)
    return InvalidInput(moved)


class HelpDialog(MemberDialog):
    """For whom, which kind, what exactly, provider, dates, intensity, who decided, cost, and the
    safety goals and ZRM focus domains it serves."""

    def __init__(
        self,
        parent: QWidget | None,
        dialogs: DialogService,
        submit: Submit,
        *,
        people: Sequence[tuple[int, str]],
        lists: Sequence[ProductList],
        choices: Sequence[ServeChoice],
        item: HelpItemDTO | None = None,
        today: dt.date | None = None,
    ):
        title = _("Change help") if item else _("Add help")
        self._new = item is None
        super().__init__(parent, title, dialogs, submit, self._check, baseline=item)
        self.setObjectName("HelpDialog")
        self.setMinimumWidth(680)
        self.form.setVerticalSpacing(4)
        self._today = today or dt.date.today()
        self._lists = {product_list.list_id: product_list for product_list in lists}
        self._build_who_and_what(people, lists, item)
        self._build_dates(item)
        self._build_how(item)
        self._build_cost(item)
        self._build_serves(choices, item)
        self._build_mark(item)

    # ---- building ------------------------------------------------------------------------

    def _build_who_and_what(
        self, people: Sequence[tuple[int, str]], lists: Sequence[ProductList], item: Any
    ) -> None:
        whom = QComboBox(self)
        whom.addItem(_("The whole household"), None)
        for person_id, name in people:
            whom.addItem(name, person_id)
        if item is not None and item.person_id is not None and whom.findData(item.person_id) < 0:
            whom.addItem(item.for_label, item.person_id)  # someone no longer in the household
        whom.setCurrentIndex(max(0, whom.findData(item.person_id)) if item else 0)
        whom.setAccessibleName(_("For whom"))
        self.add_field("person_id", _("For &whom"), whom)

        self.kind = _kind_combo(self, lists, item)
        self.kind.setAccessibleName(_("Kind of help"))
        self.add_field("kind", _("&Kind of help"), self.kind)
        self.kind.currentIndexChanged.connect(self._kind_chosen)

        what = GrowingTextEdit(self, max_lines=3)
        what.setText(item.description if item else "")
        what.setPlaceholderText(_("e.g. Triple P, video home training, a buddy"))
        what.setAccessibleName(_("What exactly"))
        self.add_field("description", _("What e&xactly"), what)
        hint = _("The organisation or person giving the help")
        provider = line_edit(self, item.provider if item else "", _("Provider"), hint)
        self.add_field("provider", _("&Provider"), provider)

    def _build_dates(self, item: Any) -> None:
        captions = {
            "starts_on": (_("S&tart date"), _("Start date")),
            "planned_end": (_("Planned &end"), _("Planned end")),
            "ended_on": (_("Ended &on"), _("Ended on")),
        }
        for name in DATES:
            value = getattr(item, name) if item else (self._today if name == "starts_on" else None)
            edit = date_edit(self, value, captions[name][1])
            hint = None
            if name == "ended_on":
                hint = muted(_("Leave empty while the help goes on."), self)
            self.add_field(name, captions[name][0], edit, hint)
            # Aligned, the short date box no longer narrows the hint and message under it.
            self.field_box(edit).setAlignment(edit, Qt.AlignmentFlag.AlignLeft)

    def _build_how(self, item: Any) -> None:
        hint = _("e.g. 2 hours a week, 3 day parts")
        intensity = line_edit(self, item.intensity if item else "", _("Intensity"), hint)
        self.add_field("intensity", _("&Intensity"), intensity)
        decided = QComboBox(self)
        for member in DecidedBy:
            decided.addItem(member.label, member.value)
        current = item.decided_by if item else self._default_decider()
        decided.setCurrentIndex(max(0, decided.findData(current)))
        decided.setAccessibleName(_("Decided by"))
        self.add_field("decided_by", _("&Decided by"), decided)
        self._decider_touched = item is not None
        decided.activated.connect(self._decider_chosen)

    def _build_cost(self, item: Any) -> None:
        """One line: '€ [12,50] per [hour] × [20] units', each part with its own message."""
        cost = euros_typed(item.unit_cost_cents) if item else ""
        amount = line_edit(self, cost, _("Cost per unit in euros"), _("12,50"))
        amount.setMaximumWidth(110)
        unit = QComboBox(self)
        unit.addItem(_("(no unit)"), None)
        for member in HelpUnit:
            unit.addItem(member.label, member.value)
        unit.setCurrentIndex(max(0, unit.findData(item.unit)) if item and item.unit else 0)
        unit.setAccessibleName(_("Unit"))
        count = str(item.units) if item and item.units is not None else ""
        units = line_edit(self, count, _("Number of units"), _("how many"))
        units.setMaximumWidth(90)
        row = QHBoxLayout()
        row.setSpacing(6)
        for part in (QLabel("€", self), amount, QLabel(_("per"), self), unit):
            row.addWidget(part)
        row.addWidget(QLabel("×", self))
        row.addWidget(units)
        row.addWidget(QLabel(_("units (optional)"), self), 1)
        box = QVBoxLayout()
        box.setSpacing(2)
        box.addLayout(row)
        for name, widget in (("unit_cost_cents", amount), ("unit", unit), ("units", units)):
            self.errors[name] = ErrorLabel(self)
            box.addWidget(self.errors[name])
            self.fields[name] = widget
            self._watch(name, widget)
        label = QLabel(_("&Cost"), self)
        label.setBuddy(amount)
        self.form.addRow(label, box)

    def _build_serves(self, choices: Sequence[ServeChoice], item: Any) -> None:
        self.serves = QListWidget(self)
        self.serves.setAccessibleName(_("Serves"))
        chosen = set(item.serves) if item else set()
        keys = {c.key for c in choices}
        for choice in choices:
            self._add_serve(choice.key, choice.label, choice.key in chosen)
        for key in sorted(chosen - keys):  # a goal no longer on the map: kept, still ticked
            self._add_serve(key, texts.gone_label(key), True)
        if self.serves.count():
            self.serves.setCurrentRow(0)
        # Each goal in full, wrapped to the list's width; the list as tall as its goals.
        self.serves.setWordWrap(True)
        self.serves.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.serves.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.serves.installEventFilter(self)
        hint = muted(
            _("The safety goals and ZRM focus domains this help works on (Space ticks).")
            if self.serves.count()
            else _(
                "This case has no safety goals or ZRM focus domains yet: help that serves "
                "nothing is flagged until it does."
            ),
            self,
        )
        self.serves.setVisible(self.serves.count() > 0)
        self.add_field("serves", _("&Serves"), self.serves, hint)
        self.serves.itemChanged.connect(lambda *_a: self._live("serves"))

    def _build_mark(self, item: Any) -> None:
        """The special category of personal data: the words pre-mark a new item (until the
        user chooses); a hint says when an unmarked text seems to hold such data."""
        self.special = SpecialCategoryBox(self)
        self.special.set_category(item.special_category if item else "")
        self.special_hint = hint_label(self)
        self.add_field(
            "special_category", _("Categori&ze as special data"), self.special, self.special_hint
        )
        self._mark_chosen = item is not None
        self.special.activated.connect(self._mark_activated)
        for name in ("description", "provider", "intensity"):
            widget = self.fields[name]
            assert isinstance(widget, (QLineEdit, GrowingTextEdit))
            widget.textChanged.connect(self._suggest_mark)
        self.kind.currentIndexChanged.connect(self._suggest_mark)
        self._suggest_mark()

    def _mark_activated(self, _index: int) -> None:
        self._mark_chosen = True
        self._suggest_mark()

    def _suggest_mark(self, *_args: object) -> None:
        texts = {name: self.raw_value(name) for name in special_rules.HELP_FIELDS}
        kind = self.kind.currentText() if self.kind.currentData() else ""
        suggested = special_rules.suggest_help(kind, texts)
        if not self._mark_chosen:
            self.special.set_category(suggested.value)
        show_hint(self.special_hint, self.special.category(), suggested)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.serves and event.type() == QEvent.Type.Resize:
            QTimer.singleShot(0, self, self._fit_serves)
        return super().eventFilter(watched, event)

    def _fit_serves(self) -> None:
        """As tall as its wrapped goals, up to `SERVES_HEIGHT` (then it scrolls)."""
        box = self.serves
        box.doItemsLayout()
        rows = sum(box.visualRect(box.model().index(r, 0)).height() for r in range(box.count()))
        height = min(max(rows, 2 * box.fontMetrics().lineSpacing()), SERVES_HEIGHT)
        box.setFixedHeight(height + 2 * box.frameWidth() + 4)
        QTimer.singleShot(0, self, self._fit_height)  # the dialog follows the list's new height

    def _add_serve(self, key: str, label: str, checked: bool) -> None:
        entry = QListWidgetItem(label, self.serves)
        entry.setData(Qt.ItemDataRole.UserRole, key)
        entry.setFlags(entry.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        entry.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

    # ---- behaviour -----------------------------------------------------------------------

    def _default_decider(self) -> str:
        data = self.kind.currentData(FreeAccessRole)
        return DecidedBy.FREE_ACCESS.value if data else DecidedBy.MUNICIPALITY.value

    def _kind_chosen(self) -> None:
        """Help from the voorliggend veld needs no decision: say so, until the user chose."""
        if self._decider_touched:
            return
        combo = self.fields["decided_by"]
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(0, combo.findData(self._default_decider())))

    def _decider_chosen(self) -> None:
        self._decider_touched = True

    # ---- values ----------------------------------------------------------------------------

    def raw_value(self, name: str) -> Any:
        widget = self.fields[name]
        if name == "serves":
            return tuple(
                self.serves.item(i).data(Qt.ItemDataRole.UserRole)
                for i in range(self.serves.count())
                if self.serves.item(i).checkState() == Qt.CheckState.Checked
            )
        if name == "kind":
            key = self.kind.currentData()
            return tuple(key.split(SEPARATOR, 1)) if isinstance(key, str) else None
        if isinstance(widget, QComboBox):
            return widget.currentData()
        return super().raw_value(name)

    def _check(self, fields: Mapping[str, Any]) -> dict[str, Any]:
        # One field checked while typing is never "missing" the others a new item needs.
        new = self._new and len(fields) > 1
        try:
            return check(fields, new=new, today=self._today)
        except InvalidInput as exc:
            raise _problems_on_kind(exc) from None

    def problem(self, name: str) -> str | None:
        """The field's own problem, else one it has with another field (an end before the
        start, a cost without its unit)."""
        own = super().problem(name)
        if own is not None or name not in CROSS_CHECKED:
            return own
        values: dict[str, Any] = {}
        for field in ("kind", *CROSS_CHECKED, "starts_on", "unit_cost_cents"):
            try:
                values.update(self._check({field: self.raw_value(field)}))
            except InvalidInput:
                continue  # shown at that field
        try:
            help_rules.check_item(values, self._lists, kind=self._kind_changed(values))
        except InvalidInput as exc:
            return "\n".join(exc.for_field(name)) or None
        return None

    def _kind_changed(self, values: Mapping[str, Any]) -> bool:
        """A new item's kind, or a changed one, must be in its list; an old item keeps its
        kind even when a newer list dropped it (as the service allows)."""
        item = self.baseline
        if item is None:
            return True
        return (values.get("product_list"), values.get("category")) != (
            item.product_list,
            item.category,
        )

    def _live(self, name: str) -> None:
        super()._live(name)
        for other in CROSS_CHECKED:
            if name in LINKED[other]:
                super()._live(other)

    def values(self) -> dict[str, Any]:
        """The clean values, checked as a whole too (before the service checks them again).
        Every problem at once: an end before the start is told with a kind not chosen, not
        after it has been."""
        try:
            clean = super().values()
        except InvalidInput as exc:
            raise InvalidInput([*exc.problems, *self._cross_problems(exc)]) from None
        try:
            help_rules.check_item(clean, self._lists, kind=self._kind_changed(clean))
        except InvalidInput as exc:
            raise _problems_on_kind(exc) from None
        return clean

    def _cross_problems(self, exc: InvalidInput) -> list[Problem]:
        """The problems fields without one of their own have with another field."""
        found: list[Problem] = []
        for name in CROSS_CHECKED:
            message = None if exc.for_field(name) else self.problem(name)
            if message is not None:
                found.append(Problem(name, message))
        return found

    def show_problems(self, exc: InvalidInput) -> None:
        super().show_problems(_problems_on_kind(exc))


#: On a kind's entry: True for help without a decision (voorliggend veld).
FreeAccessRole = Qt.ItemDataRole.UserRole + 1


def _kind_combo(parent: QWidget, lists: Sequence[ProductList], item: Any) -> QComboBox:
    """Every kind of every list, under their group's heading (headings cannot be chosen)."""
    combo = QComboBox(parent)
    model = combo.model()
    assert isinstance(model, QStandardItemModel)
    combo.addItem(_("Choose the kind of help…"), None)
    for product_list in lists:
        if len(lists) > 1:
            _heading(combo, model, product_list.name)
        group = None
        for product in product_list.categories:
            if product.group and product.group != group:
                group = product.group
                _heading(combo, model, group)
            combo.addItem(
                f"{product.label} ({product.code})", kind_key(product_list.list_id, product.code)
            )
            combo.setItemData(combo.count() - 1, product.free_access, FreeAccessRole)
    if item is not None:
        current = kind_key(item.product_list, item.category)
        if combo.findData(current) < 0:  # its list is gone: it keeps the name it had
            combo.addItem(item.category_label or item.category, current)
        combo.setCurrentIndex(combo.findData(current))
    combo.setMaxVisibleItems(20)
    return combo


def kind_key(list_id: str, code: str) -> str:
    """How the kind combo box holds a kind (list ids and codes have no spaces)."""
    return f"{list_id}{SEPARATOR}{code}"


def _heading(combo: QComboBox, model: QStandardItemModel, text: str) -> None:
    combo.addItem(text)
    entry = model.item(combo.count() - 1)
    entry.setEnabled(False)
    font = QFont(entry.font())
    font.setBold(True)
    entry.setFont(font)
