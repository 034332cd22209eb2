"""Visit mode's photo page: add photos (file dialog or drag and drop), caption, link, remove.

Adding runs in a worker: phone photos are large, and each one is hashed, checked, stored and
given a thumbnail (``services.visit_photos`` through ``ui.ops``). Files that are not readable
images are refused one by one with a Dutch message; the good ones in the same batch are still
added. Captions, links and removals are writes of the visit's autosaver, in the order made.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, Qt, Signal, Slot
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from vlot_desktop.domain.checklist import ChecklistTemplate, ItemKind
from vlot_desktop.services import photos as photo_service
from vlot_desktop.services import visit_photos
from vlot_desktop.ui.context import AppContext
from vlot_desktop.ui.i18n import current_language
from vlot_desktop.ui.ops import CollectionOp, QueryOp
from vlot_desktop.ui.prospects.autosave import UNCUT, Autosaver, Save
from vlot_desktop.ui.tasks import TaskHandle

if TYPE_CHECKING:
    from vlot_desktop.services.store import Store

THUMB_W, THUMB_H = 200, 150
COLUMNS = 3
IMAGE_FILTER = "*.jpg *.jpeg *.png *.heic *.heif *.tif *.tiff *.webp *.bmp *.gif"

PhotoList = visit_photos.PhotoList


def local_files(mime: QMimeData) -> list[Path]:
    """The local files of a drag (URLs of other kinds are ignored)."""
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class PhotoCard(QFrame):
    """One photo: thumbnail, caption, linked item, remove."""

    remove_requested = Signal(str)

    def __init__(
        self,
        photo: photo_service.Photo,
        thumbnail: Path | None,
        items: Sequence[tuple[str, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.photo = photo
        self.setObjectName("photoCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(THUMB_W + 60)
        self.image = QLabel(self)
        self.image.setFixedSize(THUMB_W, THUMB_H)
        self.image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        pixmap = QPixmap(str(thumbnail)) if thumbnail is not None else QPixmap()
        if pixmap.isNull():
            self.image.setText(self.tr("Photo not on this laptop yet"))
            self.image.setWordWrap(True)
        else:
            self.image.setPixmap(
                pixmap.scaled(
                    THUMB_W,
                    THUMB_H,
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        self.image.setToolTip(photo.file_name)
        self.caption_edit = QLineEdit(self)
        self.caption_edit.setMaxLength(UNCUT)
        self.caption_edit.setText(photo.caption or "")
        self.caption_edit.setPlaceholderText(self.tr("Caption"))
        self.caption_edit.setAccessibleName(self.tr("Caption of %1").replace("%1", photo.file_name))
        self.caption_edit.setMinimumHeight(34)
        self.item_combo = QComboBox(self)
        self.item_combo.setAccessibleName(self.tr("Checklist item of this photo"))
        self.item_combo.setMinimumHeight(34)
        self.item_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.item_combo.setMinimumContentsLength(16)
        self.item_combo.addItem(self.tr("(not linked to an item)"), None)
        for key, label in items:
            self.item_combo.addItem(label, key)
        self.item_combo.setCurrentIndex(max(0, self.item_combo.findData(photo.item_key)))
        self.remove_button = QPushButton(self.tr("Remove photo"), self)
        self.remove_button.setMinimumHeight(34)
        self.remove_button.clicked.connect(lambda: self.remove_requested.emit(self.photo.id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.setSpacing(6)
        layout.addWidget(self.image, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.caption_edit)
        layout.addWidget(self.item_combo)
        layout.addWidget(self.remove_button)


class PhotosPage(QWidget):
    """Signals:
    photos_loaded(): the page shows the visit's current photos.
    links_changed(object): photo counts per item key (dict) after a load or a link change.
    """

    photos_loaded = Signal()
    links_changed = Signal(object)

    def __init__(
        self,
        context: AppContext,
        saver: Autosaver,
        visit_id: str,
        template: ChecklistTemplate,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._context = context
        self._data_dir = context.data_dir
        self._saver = saver
        self._visit_id = visit_id
        self._task: TaskHandle | None = None
        self.cards: list[PhotoCard] = []
        language = current_language()
        self._items: list[tuple[str, str]] = []
        photo_items: list[tuple[str, str]] = []
        for section in template.sections:
            title = section.title_en if language == "en" else section.title_nl
            for item in section.items:
                label = item.label_en if language == "en" else item.label_nl
                entry = (item.key, f"{title}: {label}")
                (photo_items if item.kind is ItemKind.PHOTO else self._items).append(entry)
        # Photo items first: those are the ones a photo answers.
        self._items = photo_items + self._items
        self.setAcceptDrops(True)

        self.add_button = QPushButton(self.tr("Add photos…"), self)
        self.add_button.setMinimumHeight(40)
        self.add_button.setToolTip(self.tr("Choose one or more photos (or drag them here)"))
        self.add_button.clicked.connect(self.choose_files)
        self.link_label = QLabel(self.tr("Link new photos to:"), self)
        self.link_combo = QComboBox(self)
        self.link_combo.setAccessibleName(self.tr("Checklist item for new photos"))
        self.link_combo.setMinimumHeight(34)
        # Long item labels must not widen the page; the popup shows them whole.
        self.link_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.link_combo.setMinimumContentsLength(30)
        self.link_combo.addItem(self.tr("(not linked to an item)"), None)
        for key, label in self._items:
            self.link_combo.addItem(label, key)
        self.link_label.setBuddy(self.link_combo)
        self.drop_hint = QLabel(self.tr("Or drag photos from the file manager onto this page."))
        self.drop_hint.setWordWrap(True)
        self.status_label = QLabel(self)
        self.status_label.setWordWrap(True)
        self.status_label.setObjectName("photoStatus")
        self.message_label = QLabel(self)
        self.message_label.setWordWrap(True)
        self.message_label.setObjectName("photoMessages")
        self.message_label.setStyleSheet("color: #b3261e;")
        self.message_label.hide()
        self.grid = QGridLayout()
        self.grid.setSpacing(12)
        self.grid.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.empty_label = QLabel(self.tr("No photos yet."), self)

        top = QHBoxLayout()
        top.addWidget(self.add_button)
        top.addSpacing(16)
        top.addWidget(self.link_label)
        top.addWidget(self.link_combo, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 12, 12)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.drop_hint)
        layout.addWidget(self.status_label)
        layout.addWidget(self.message_label)
        layout.addWidget(self.empty_label)
        layout.addLayout(self.grid)
        layout.addStretch(1)

    @property
    def is_busy(self) -> bool:
        return self._task is not None

    def set_link_item(self, item_key: str | None) -> None:
        self.link_combo.setCurrentIndex(max(0, self.link_combo.findData(item_key)))

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        data_dir, visit_id = self._data_dir, self._visit_id
        self.add_button.setEnabled(False)
        self._task = (
            QueryOp(
                self._context,
                lambda store: store.read(visit_photos.photos, data_dir, visit_id),
                success=self._show_photos,
            )
            .failure(self._failed)
            .owned_by(self)
            .latest("photos")
            .named("visit photos")
            .run()
        )

    def _failed(self, exc: BaseException) -> None:
        import sys

        self._task = None
        self.add_button.setEnabled(True)
        self.status_label.setText("")
        sys.excepthook(type(exc), exc, exc.__traceback__)

    def _show_photos(self, photos: PhotoList) -> None:
        self._task = None
        self.add_button.setEnabled(True)
        for card in self.cards:
            self.grid.removeWidget(card)
            card.deleteLater()
        self.cards = []
        for index, (photo, thumbnail) in enumerate(photos):
            card = PhotoCard(photo, thumbnail, self._items, self)
            card.caption_edit.textEdited.connect(
                lambda text, pid=photo.id: self._caption_edited(pid, text)
            )
            card.caption_edit.editingFinished.connect(self._saver.flush)
            card.item_combo.currentIndexChanged.connect(lambda _i, c=card: self._link_changed(c))
            card.remove_requested.connect(self.request_remove)
            self.grid.addWidget(card, index // COLUMNS, index % COLUMNS)
            self.cards.append(card)
        self.empty_label.setVisible(not photos)
        self.links_changed.emit(self.link_counts())
        self.photos_loaded.emit()

    def link_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for card in self.cards:
            key = card.item_combo.currentData()
            if key:
                counts[key] = counts.get(key, 0) + 1
        return counts

    # -- adding --------------------------------------------------------------------------------

    @Slot()
    def choose_files(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Add photos"),
            "",
            self.tr("Photos (%1);;All files (*)").replace("%1", IMAGE_FILTER),
        )
        if files:
            self.add_files([Path(f) for f in files])

    def add_files(self, files: Sequence[Path]) -> None:
        """Add these files in a worker; refusals show as messages on the page."""
        if not files:
            return
        data_dir, visit_id = self._data_dir, self._visit_id
        link_key = self.link_combo.currentData()
        chosen = list(files)

        def add(store: Store) -> tuple[photo_service.AddPhotosResult, PhotoList]:
            return visit_photos.add(store.engine, data_dir, visit_id, chosen, link_key)

        self.status_label.setText(self.tr("Adding %1 file(s)…").replace("%1", str(len(chosen))))
        self.message_label.hide()
        self.add_button.setEnabled(False)
        self._task = (
            CollectionOp(self._context, add, changes=self._saver.changes(), success=self._added)
            .failure(self._failed)
            .owned_by(self)
            .named("add visit photos")
            .run()
        )

    def _added(self, value: tuple[photo_service.AddPhotosResult, PhotoList]) -> None:
        result, photos = value
        language = current_language()
        self.status_label.setText(
            self.tr("%1 photo(s) added.").replace("%1", str(len(result.added)))
        )
        messages = [
            refused.message_en if language == "en" else refused.message_nl
            for refused in result.refused
        ]
        messages += [
            self.tr("'%1' is already with this visit and was not added again.").replace("%1", name)
            for name in result.duplicates
        ]
        self.message_label.setText("\n".join(messages))
        self.message_label.setVisible(bool(messages))
        self._show_photos(photos)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if local_files(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        files = local_files(event.mimeData())
        if files:
            event.acceptProposedAction()
            self.add_files(files)

    # -- caption, link, remove ---------------------------------------------------------------------

    def _caption_edited(self, photo_id: str, text: str) -> None:
        # (Removed meanwhile, here or by a colleague through the sync: nothing to do.)
        self._saver.schedule(
            f"caption:{photo_id}",
            Save(
                lambda store: visit_photos.set_caption(store.engine, photo_id, text),
                tag=self._visit_id,
            ),
        )

    def _link_changed(self, card: PhotoCard) -> None:
        photo_id = card.photo.id
        key = card.item_combo.currentData()
        self._saver.save_now(
            f"link:{photo_id}",
            Save(lambda store: visit_photos.link(store.engine, photo_id, key), tag=self._visit_id),
        )
        self.links_changed.emit(self.link_counts())

    def _confirm_remove(self, card: PhotoCard) -> bool:
        answer = QMessageBox.question(
            self,
            self.tr("Remove photo"),
            self.tr("Remove the photo '%1' from this visit?").replace("%1", card.photo.file_name),
        )
        return answer == QMessageBox.StandardButton.Yes

    @Slot(str)
    def request_remove(self, photo_id: str) -> None:
        card = next((c for c in self.cards if c.photo.id == photo_id), None)
        if card is not None and self._confirm_remove(card):
            self.remove(photo_id)

    def remove(self, photo_id: str) -> None:
        """Remove without asking (after the writes made before), then show the photos that are
        left."""
        self._saver.discard(f"caption:{photo_id}")
        self._saver.discard(f"link:{photo_id}")
        self._saver.save_now(
            f"remove:{photo_id}",
            Save(
                lambda store: visit_photos.remove(store.engine, photo_id),
                then=lambda _result: self.reload(),
                tag=self._visit_id,
            ),
        )
