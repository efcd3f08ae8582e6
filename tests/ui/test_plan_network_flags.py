"""The safety network and red flags of a plan, as a consultant uses them: by keyboard, with inline
checks, undo, and read-only once the version is finalised."""

from __future__ import annotations

import datetime as dt

import pytest
from plan_data import TODAY
from plan_data import Family
from plan_data import family
from plan_data import shown_sections

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QWidget

from jeugdtool.cases.validation import format_date_nl
from jeugdtool.errors import InvalidInput
from jeugdtool.framework import plan_finalise
from jeugdtool.framework import plan_sections
from jeugdtool.framework import plans
from jeugdtool.framework.dto import Source
from jeugdtool.framework.plan_dto import RedFlagDTO
from jeugdtool.framework.vocab import SourceKind
from jeugdtool.i18n import _

from jeugdtool.ui.plan.network_flags import NetworkRoleDialog
from jeugdtool.ui.plan.network_flags import PlanNetworkAndFlags
from jeugdtool.ui.plan.network_flags import RedFlagDialog
from jeugdtool.ui.plan.network_flags import RedFlagModel

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def fam(uow, case) -> Family:
    return family(uow, case.id)


@pytest.fixture
def draft(uow, case, fam) -> int:
    return plans.start_draft(uow, case.id).value.id


@pytest.fixture
def widget(ctx, uow, case, draft, qtbot) -> PlanNetworkAndFlags:
    return shown_sections(ctx, uow, case.id, draft, qtbot)


def _focus() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None
    return widget


def _press(qtbot, key: Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(_focus(), key, modifier)


def _type(qtbot, text: str) -> None:
    qtbot.keyClicks(_focus(), text)


def _reactivate(qtbot, window: QWidget) -> None:
    """The offscreen platform has no window manager to re-activate a window after a dialog."""
    qtbot.waitUntil(lambda: not isinstance(QApplication.activeModalWidget(), QDialog))
    with qtbot.waitActive(window):
        window.activateWindow()


def _dialog(qtbot, kind: type) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), kind))
    dialog = QApplication.activeWindow()
    assert isinstance(dialog, kind)
    return dialog


def _key_on_table(qtbot, table, key: Key) -> None:
    table.setFocus()
    qtbot.waitUntil(table.hasFocus)
    _press(qtbot, key)


def _detail(uow, draft: int):
    return plans.get_plan(uow, draft)


def test_add_network_role_by_keyboard_with_inline_checks(widget, uow, draft, fam, qtbot):
    assert widget.network.empty_hint.isVisible()
    _key_on_table(qtbot, widget.network.table, Key.Key_Insert)
    dialog = _dialog(qtbot, NetworkRoleDialog)
    _type(qtbot, "Ria de Vries")
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "the child's trusted person")
    _press(qtbot, Key.Key_Tab)
    future = format_date_nl(TODAY + dt.timedelta(days=3))
    _type(qtbot, future)
    _press(qtbot, Key.Key_Tab)
    assert dialog.errors["told_on"].isVisible()  # shown as soon as the field is left
    assert future in dialog.errors["told_on"].text()
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()  # refused: everything typed stays
    assert dialog.raw_value("role") == "the child's trusted person"
    told = TODAY - dt.timedelta(days=2)
    dialog.fields["told_on"].setFocus()
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, format_date_nl(told))
    assert not dialog.errors["told_on"].isVisible()  # gone as soon as it is fixed
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (role,) = _detail(uow, draft).network
    assert role.source == Source(SourceKind.NETWORK, network_id=fam.ria.id, label="Ria de Vries")
    assert (role.role, role.told_on) == ("the child's trusted person", told)
    model = widget.network_model
    assert model.rowCount() == 1
    assert model.index(0, 0).data() == "Ria de Vries"
    assert model.index(0, 2).data() == format_date_nl(told)
    assert not widget.network.empty_hint.isVisible()
    assert widget.network.selected() == role


def test_typed_name_and_no_one_twice(widget, uow, draft, fam, qtbot):
    _key_on_table(qtbot, widget.network.table, Key.Key_Insert)
    dialog = _dialog(qtbot, NetworkRoleDialog)
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.errors["source"].isVisible()  # who is required
    dialog.fields["source"].setFocus()
    _type(qtbot, "Buurvrouw Els")
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "chairs the network")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (role,) = _detail(uow, draft).network
    assert role.source == Source(SourceKind.OTHER, label="Buurvrouw Els")
    assert role.told_on is None
    assert widget.network_model.index(0, 2).data() == _("not yet")

    _reactivate(qtbot, widget)
    _key_on_table(qtbot, widget.network.table, Key.Key_Insert)
    dialog = _dialog(qtbot, NetworkRoleDialog)
    _type(qtbot, "buurvrouw els")
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()  # the service refuses the same person twice, under the field
    assert "Buurvrouw Els" in dialog.errors["source"].text()
    dialog.reject()


def test_add_red_flag_by_keyboard(widget, ctx, uow, draft, fam, qtbot):
    plan_sections.add_network_role(
        uow, draft, {"source": fam.source(fam.ria), "role": "houdt contact in de gaten"}
    )
    widget.set_plan(_detail(uow, draft), True)
    assert widget.flags.empty_hint.isVisible()
    _key_on_table(qtbot, widget.flags.table, Key.Key_Insert)
    dialog = _dialog(qtbot, RedFlagDialog)
    _type(qtbot, "Mark ruikt naar alcohol als hij Noa komt halen")
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.watchers
    assert dialog.watchers.currentItem().text().startswith("Ria de Vries")  # the network first
    _press(qtbot, Key.Key_Space)
    _press(qtbot, Key.Key_Tab)
    assert _focus() is dialog.others
    _type(qtbot, "juf Anja, meester Tom")
    _press(qtbot, Key.Key_Tab)
    _type(qtbot, "Belt Sanne en neemt Noa mee naar oma")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())

    (flag,) = _detail(uow, draft).red_flags
    assert flag.sign == "Mark ruikt naar alcohol als hij Noa komt halen"
    assert flag.watched_by == ("Ria de Vries", "juf Anja", "meester Tom")
    assert flag.action == "Belt Sanne en neemt Noa mee naar oma"
    assert widget.flags_model.index(0, RedFlagModel.WATCHED_BY).data() == (
        "Ria de Vries, juf Anja, meester Tom"
    )
    assert not widget.flags.empty_hint.isVisible()
    assert ctx.undo_stack.undoText() == _("Add red flag")


def test_a_watcher_typed_without_accents_is_the_network_member(fake_dialogs, qtbot):
    """'aicha benali' typed earlier is the network's 'Aïcha Benali': one ticked row, not two."""
    names = [("Aïcha Benali", "Aïcha Benali (oma)"), ("Henk Bos", "Henk Bos (buurman)")]
    flag = RedFlagDTO(1, 0, "Geschreeuw", ("aicha  benali", "Buurman Kees"), "Bellen")
    dialog = RedFlagDialog(None, fake_dialogs, lambda *_a: None, names, flag)
    qtbot.addWidget(dialog)
    rows = [dialog.watchers.item(i) for i in range(dialog.watchers.count())]
    assert [(r.text(), r.checkState() == Qt.CheckState.Checked) for r in rows] == [
        ("Aïcha Benali (oma)", True),
        ("Henk Bos (buurman)", False),
        ("Buurman Kees", True),
    ]
    assert dialog.raw_value("watched_by") == ["Aïcha Benali", "Buurman Kees"]


def test_red_flag_needs_a_sign(widget, qtbot):
    _key_on_table(qtbot, widget.flags.table, Key.Key_Insert)
    dialog = _dialog(qtbot, RedFlagDialog)
    _press(qtbot, Key.Key_Return, CTRL)
    assert dialog.isVisible()
    assert dialog.errors["sign"].isVisible()
    dialog.reject()


def test_the_dialogs_say_what_the_service_says(widget, uow, draft, fam, qtbot):
    """One rule in the core: the dialog's inline message is the service's, word for word."""
    role_dialog = widget.add_role()
    ria = Source(SourceKind.NETWORK, network_id=fam.ria.id, label="Ria de Vries")
    future = TODAY + dt.timedelta(days=3)
    role_dialog.fields["told_on"].setText(format_date_nl(future))
    with pytest.raises(InvalidInput) as refused:
        plan_sections.add_network_role(uow, draft, {"source": ria, "told_on": future})
    assert role_dialog.problem("told_on") == "\n".join(refused.value.for_field("told_on"))
    assert role_dialog.problem("told_on")
    role_dialog.reject()

    flag_dialog = widget.add_flag()
    flag_dialog.others.setText("x" * 201)
    with pytest.raises(InvalidInput) as refused:
        plan_sections.add_red_flag(
            uow,
            draft,
            {"sign": "slams doors", "watched_by": ["x" * 201], "action": "Oma Ria bellen"},
        )
    assert flag_dialog.problem("watched_by") == "\n".join(refused.value.for_field("watched_by"))
    assert flag_dialog.problem("watched_by")
    flag_dialog.reject()


def test_edit_then_undo(widget, ctx, uow, draft, fam, qtbot):
    role = plan_sections.add_network_role(
        uow, draft, {"source": fam.source(fam.ria), "role": "houdt contact in de gaten"}
    ).value
    flag = plan_sections.add_red_flag(
        uow,
        draft,
        {
            "sign": "Sanne neemt de telefoon niet op",
            "watched_by": ["Ria de Vries"],
            "action": "Oma Ria bellen",
        },
    ).value
    widget.set_plan(_detail(uow, draft), True)

    widget.network.select_row(0)
    _key_on_table(qtbot, widget.network.table, Key.Key_Return)
    dialog = _dialog(qtbot, NetworkRoleDialog)
    assert dialog.raw_value("source") == role.source  # shown as the case's member
    dialog.fields["role"].setFocus()
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, "zit het netwerk voor")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _detail(uow, draft).network[0].role == "zit het netwerk voor"
    assert widget.network_model.index(0, 1).data() == "zit het netwerk voor"

    _reactivate(qtbot, widget)
    widget.flags.select_row(0)
    _key_on_table(qtbot, widget.flags.table, Key.Key_Return)
    dialog = _dialog(qtbot, RedFlagDialog)
    assert dialog.raw_value("watched_by") == ["Ria de Vries"]
    dialog.fields["action"].setFocus()
    _press(qtbot, Key.Key_A, CTRL)
    _type(qtbot, "Ria belt de consulent")
    _press(qtbot, Key.Key_Return, CTRL)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert _detail(uow, draft).red_flags[0].action == "Ria belt de consulent"

    ctx.undo_stack.undo()
    assert _detail(uow, draft).red_flags[0].action == "Oma Ria bellen"
    assert widget.flags_model.index(0, RedFlagModel.ACTION).data() == "Oma Ria bellen"
    ctx.undo_stack.undo()
    assert _detail(uow, draft).network[0].role == "houdt contact in de gaten"
    assert widget.network_model.index(0, 1).data() == "houdt contact in de gaten"
    assert flag.id == _detail(uow, draft).red_flags[0].id


def test_remove_asks_and_undo_restores(widget, ctx, uow, draft, fam, fake_dialogs, qtbot):
    for who, role in ((fam.ria, "vertrouwenspersoon van het kind"), (fam.sanne, "moeder")):
        plan_sections.add_network_role(uow, draft, {"source": fam.source(who), "role": role})
    plan_sections.add_red_flag(
        uow, draft, {"sign": "Noa wil niet naar huis", "action": "Oma Ria bellen"}
    )
    widget.set_plan(_detail(uow, draft), True)
    first = _detail(uow, draft).network[0]

    widget.network.select_row(0)
    fake_dialogs.answers.append(False)  # "no": nothing happens
    _key_on_table(qtbot, widget.network.table, Key.Key_Delete)
    assert len(_detail(uow, draft).network) == 2
    fake_dialogs.answers.append(True)
    _press(qtbot, Key.Key_Delete)
    assert "Ria de Vries" in fake_dialogs.questions[-1][1]
    assert [r.source.label for r in _detail(uow, draft).network] == ["Sanne Jansen"]
    assert widget.network_model.rowCount() == 1

    widget.flags.select_row(0)
    fake_dialogs.answers.append(True)
    _key_on_table(qtbot, widget.flags.table, Key.Key_Delete)
    assert _detail(uow, draft).red_flags == ()
    assert widget.flags.empty_hint.isVisible()

    ctx.undo_stack.undo()
    ctx.undo_stack.undo()
    detail = _detail(uow, draft)
    assert detail.network[0] == first  # back where it was, with its own id
    assert [f.sign for f in detail.red_flags] == ["Noa wil niet naar huis"]
    assert widget.network_model.rowCount() == 2
    assert widget.network_model.index(0, 0).data() == "Ria de Vries"
    assert not widget.flags.empty_hint.isVisible()


def test_read_only_on_a_finalised_version(widget, ctx, uow, draft, fam, qtbot):
    plan_sections.add_network_role(uow, draft, {"source": fam.source(fam.ria), "role": "oma"})
    plan_sections.add_red_flag(uow, draft, {"sign": "Mark drinkt weer", "action": "Oma Ria bellen"})
    plan_finalise.finalise(uow, draft, by="x", override_reason="test")
    # The page passes editable=True only for drafts; even if it did not, a final one is read-only.
    widget.set_plan(_detail(uow, draft), True)
    assert not widget.editable
    for section in (widget.network, widget.flags):
        section.select_row(0)
        assert not section.add_button.isEnabled()
        assert not section.edit_button.isEnabled()
        assert not section.remove_button.isEnabled()
        _key_on_table(qtbot, section.table, Key.Key_Insert)
        _press(qtbot, Key.Key_Return)
        _press(qtbot, Key.Key_Delete)  # no confirm asked: fake_dialogs would fail the test
        assert not isinstance(QApplication.activeModalWidget(), QDialog)
    assert widget.add_role() is None and widget.add_flag() is None
    assert widget.network_model.rowCount() == 1 and widget.flags_model.rowCount() == 1
    assert ctx.undo_stack.count() == 0


def test_empty_states(widget):
    assert widget.network.empty_hint.text() == _("Nobody in the safety network of this plan yet.")
    assert widget.flags.empty_hint.isVisible()
    widget.set_plan(None, True)
    assert widget.network_model.rowCount() == 0
    assert not widget.network.add_button.isEnabled()
