"""The manual window (Help > Manual, F1) and the About dialog (version, licence, notices).

F1 opens the page about the screen in use: the focused widget and its ancestors are looked up
in the manual's topics (resources/manual/pages.json: objectName or class name -> page), so a new
screen gets its help by a line of data. The main window handles F1 as an action (it also knows
which case page is showing); `F1Filter` handles it in every other window, dialogs included.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent
from PySide6.QtCore import QObject
from PySide6.QtCore import Qt
from PySide6.QtCore import QUrl
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from PySide6.QtWidgets import QDialog
from PySide6.QtWidgets import QDialogButtonBox
from PySide6.QtWidgets import QHBoxLayout
from PySide6.QtWidgets import QLabel
from PySide6.QtWidgets import QMessageBox
from PySide6.QtWidgets import QPushButton
from PySide6.QtWidgets import QTabWidget
from PySide6.QtWidgets import QTextBrowser
from PySide6.QtWidgets import QToolButton
from PySide6.QtWidgets import QVBoxLayout
from PySide6.QtWidgets import QWidget

from jeugdtool import licences
from jeugdtool import manual
from jeugdtool.i18n import _
from jeugdtool.i18n import current_language

#: While locked, keys reach only this form (ui/lock.py); F1 there does nothing.
LOCK_SCREEN = "UnlockForm"


def names_of(widget: QWidget | None) -> list[str]:
    """What identifies `widget` and its ancestors for the topics: objectName, then the class
    names along its class hierarchy, nearest widget first."""
    names: list[str] = []
    while widget is not None:
        if widget.objectName():
            names.append(widget.objectName())
        names += [cls.__name__ for cls in type(widget).__mro__ if cls.__module__ != "builtins"]
        widget = widget.parentWidget()
    return names


def topic_of(widget: QWidget | None) -> str:
    """The manual page (with an anchor, perhaps) about the screen `widget` is part of."""
    return manual.load().topic(names_of(widget)) or manual.HOME


def page_url(topic: str) -> QUrl:
    """`page#anchor` as the URL the browser resolves against the language folder."""
    page, _hash, anchor = topic.partition("#")
    url = QUrl(f"{page}.html")
    if anchor:
        url.setFragment(anchor)
    return url


class HelpWindow(QWidget):
    """The manual: a browser over resources/manual/<language>/ with back, forward and home."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("helpWindow")
        self.setWindowTitle(_("jeugdtool manual"))
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(True)
        language = manual.language_of(current_language())
        self.browser.setSearchPaths([str(manual.folder(language))])
        self.back_button = self._button(_("Back"), self.browser.backward)
        self.forward_button = self._button(_("Forward"), self.browser.forward)
        self.home_button = self._button(_("Contents"), self.go_home)
        self.keys_button = self._button(_("Keyboard shortcuts"), self.show_keys)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.browser.forwardAvailable.connect(self.forward_button.setEnabled)
        self.back_button.setEnabled(False)
        self.forward_button.setEnabled(False)
        self.browser.sourceChanged.connect(lambda _url: self._retitle())
        self._layout()
        self.resize(760, 640)

    def _button(self, text: str, slot: Callable[[], object]) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAccessibleName(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for button in (self.back_button, self.forward_button, self.home_button, self.keys_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.browser, 1)

    def show_topic(self, topic: str) -> None:
        """Open `page` or `page#anchor` and bring the window forward."""
        self.browser.setSource(page_url(topic))
        self.show()
        self.raise_()
        self.activateWindow()

    def go_home(self) -> None:
        self.show_topic(manual.HOME)

    def show_keys(self) -> None:
        self.show_topic(manual.KEYBOARD)

    def current_page(self) -> str:
        """The id of the page on show ("index", "zrm", …)."""
        return self.browser.source().fileName().removesuffix(".html")

    def _retitle(self) -> None:
        title = self.browser.documentTitle()
        plain = _("jeugdtool manual")
        self.setWindowTitle(_("jeugdtool manual — {page}").format(page=title) if title else plain)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Alt+Left / Alt+Right as in every browser; Esc closes.
        alt = event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt and event.key() == Qt.Key.Key_Left:
            self.browser.backward()
        elif alt and event.key() == Qt.Key.Key_Right:
            self.browser.forward()
        elif event.key() == Qt.Key.Key_Escape:
            self.close()
        else:
            super().keyPressEvent(event)


def open_manual(parent: QWidget, topic: str) -> HelpWindow:
    """Show the manual at `topic`, in the one help window of `parent`'s top-level window.

    The window belongs to the window F1 was pressed in, so a modal dialog does not block it.
    """
    owner = parent.window()
    found = owner.findChild(HelpWindow, "helpWindow", Qt.FindChildOption.FindDirectChildrenOnly)
    window = found if found is not None else HelpWindow(owner)
    window.show_topic(topic)
    return window


class F1Filter(QObject):
    """F1 in any window without an F1 action of its own (dialogs, the meetings window, the
    presentation) opens the manual at that window's page."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:  # cheap first: this sees every event
            return False
        assert isinstance(event, QKeyEvent)
        if event.key() != Qt.Key.Key_F1 or event.modifiers() != Qt.KeyboardModifier.NoModifier:
            return False
        focus = QApplication.focusWidget() or QApplication.activeWindow()
        if focus is None or isinstance(focus.window(), HelpWindow):
            return False
        if LOCK_SCREEN in names_of(focus):  # the lock would cover the manual at once
            return False
        open_manual(focus, topic_of(focus))
        return True


def install_f1(app: QApplication) -> F1Filter:
    """Let F1 open the manual everywhere in `app`; keep the returned filter alive."""
    shortcut_filter = F1Filter(app)
    app.installEventFilter(shortcut_filter)
    return shortcut_filter


# ---- About ---------------------------------------------------------------------------------


class AboutDialog(QDialog):
    """Version, what jeugdtool is for, the licence (EUPL-1.2, full text) and the notices of the
    software it is built on, and Qt's own About."""

    def __init__(self, database: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(_("About jeugdtool"))
        self.summary = QLabel(self._summary(database), self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tabs = QTabWidget(self)
        self.licence_text = self._text(licences.licence_text())
        self.notices_text = self._text(licences.notices_text())
        self.tabs.addTab(self.licence_text, _("Licence"))
        self.tabs.addTab(self.notices_text, _("Third-party software"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.about_qt_button = QPushButton(_("About Qt"), self)
        buttons.addButton(self.about_qt_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.about_qt_button.clicked.connect(lambda: QMessageBox.aboutQt(self, _("About Qt")))
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @staticmethod
    def _summary(database: str | None) -> str:
        text = _(
            "jeugdtool {version}\n\nSigns of Safety, safety plans and the self-sufficiency "
            "matrix for youth and family teams.\n\nLicence: {licence}. You may use, share and "
            "change it under the terms below."
        ).format(version=licences.version(), licence=licences.LICENCE_ID)
        if database:
            text += "\n\n" + _("Database: {database}").format(database=database)
        return text

    def _text(self, text: str) -> QTextBrowser:
        view = QTextBrowser(self)
        view.setPlainText(text)
        view.setLineWrapMode(QTextBrowser.LineWrapMode.WidgetWidth)
        return view


def show_about(database: str | None, parent: QWidget | None) -> None:
    AboutDialog(database, parent).exec()
