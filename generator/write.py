"""Write edge: the only module that writes the output folder.

A build fills a staging folder next to the output and swaps it in at the end,
so a build that fails or is killed leaves the previous site as it was. Files
whose bytes did not change are hard-linked from the previous site instead of
rewritten: they keep their modification time, which keeps rsync, caches and
the live-reload watcher quiet about pages that did not change.
"""

from __future__ import annotations

import contextlib
import filecmp
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath

from generator import swap, theme

MARKER = ".cablegen-site"
"""A file in every built site: an existing output folder without it is never replaced."""

BACKGROUND_DELETE = 20_000
"""Sites with more files than this are deleted in the background once replaced."""


class OutputError(Exception):
    """The output folder cannot be written safely; the message says why and what to do."""


class Staging:
    """A staging folder beside `output` that becomes the output on `commit()`."""

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        self.root = self.output.parent / f".{self.output.name}.staging-{os.getpid()}"
        _check_output(self.output)
        swap.recover(self.output)
        if self.root.exists():
            shutil.rmtree(self.root)
        self.root.mkdir(parents=True)
        self._real_root = self.root.resolve()
        self._checked: set[Path] = set()
        self._made: set[Path] = set()
        self._had_site = self.output.is_dir()
        self.files = 0
        """Files staged so far: about the size of the site about to be replaced."""

    def target(self, rel: str) -> Path:
        """The staging path for site-root path `rel`; refuses any path that leaves the site."""
        path = self.root / _plain(rel)
        # Other writers (the search indexer) also fill the staging folder, so a folder
        # on the way could be a symlink out of it. Resolving every file cost a fifth of
        # a no-change build; a site has few folders, so each is resolved once.
        if path.parent not in self._checked:
            if not path.parent.resolve().is_relative_to(self._real_root):
                raise OutputError(
                    f"refusing to write {rel!r}: it resolves outside the output folder"
                )
            self._checked.add(path.parent)
        return path

    def put(self, rel: str, data: Data) -> None:
        """Write `data` at site-root path `rel`, reusing the previous site's file when equal."""
        path = self._folder_made(self.root / _plain(rel))
        previous = self.output / rel
        if not isinstance(data, bytes):
            path.unlink(missing_ok=True)
            _write(path, data)
            if _same_file(previous, path):
                _link_over(previous, path)
            self.files += 1
            return
        if self._had_site and _same(previous, data):
            with contextlib.suppress(OSError):
                os.link(previous, path)
                self.files += 1
                return
        _create(path, data)
        self.files += 1

    def _folder_made(self, path: Path) -> Path:
        """`path` with its folder made; a folder made here needs no symlink check.

        A site has few folders and many files: each folder is made once rather
        than asked for again with every file (a system call each), and only a
        folder someone else made (the search indexer) is resolved to be sure it
        does not lead out of the staging folder.
        """
        folder = path.parent
        if folder in self._made or folder == self.root:
            return path
        self._folder_made(folder)
        try:
            os.mkdir(folder)
        except FileExistsError:
            if not folder.resolve().is_relative_to(self._real_root):
                raise OutputError(
                    f"refusing to write {path}: it resolves outside the output folder"
                ) from None
        self._made.add(folder)
        return path

    def keep(self, rels: tuple[str, ...]) -> bool:
        """Carry files over from the previous site unread (the build cache vouches for them).

        All or nothing: False, with none of them kept, when any is missing.
        """
        kept: list[Path] = []
        for rel in rels:
            path = self._folder_made(self.root / _plain(rel))
            try:
                os.link(self.output / rel, path)
            except OSError:
                for done in kept:
                    done.unlink(missing_ok=True)
                return False
            kept.append(path)
        self.files += len(kept)
        return True

    def exists(self, rel: str) -> bool:
        """True when site-root path `rel` has been written in this build."""
        return self.target(rel).is_file()

    def read(self, rel: str) -> bytes:
        """Bytes written earlier in this build at site-root path `rel`."""
        return self.target(rel).read_bytes()

    def copy_static(self, static: Path) -> int:
        """Copy every static asset (see `static_files`) into the site; returns the count."""
        count = 0
        for rel, data in static_files(static):
            self.put(rel, data)
            count += 1
        return count

    def commit(self) -> None:
        """Swap the staging folder in as the output, then drop the previous site."""
        (self.root / MARKER).write_text("Built by cablegen; replaced whole on every build.\n")
        if self.output.exists() and swap.exchange(self.root, self.output):
            swap.discard(self.root, self.output, self.files > BACKGROUND_DELETE)
            return
        old = self.output.parent / f".{self.output.name}.old-{os.getpid()}"
        if self.output.exists():
            os.rename(self.output, old)
        os.rename(self.root, self.output)
        swap.discard(old, self.output, self.files > BACKGROUND_DELETE)

    def abort(self) -> None:
        """Throw the staging folder away; the output is untouched."""
        shutil.rmtree(self.root, ignore_errors=True)


def static_files(static: Path) -> Iterator[tuple[str, bytes]]:
    """(site-root path, bytes) of every static asset: the site's `static` over the theme's."""
    for rel, file in theme.files(static, "static").items():
        yield f"static/{rel}", file.read_bytes()


def _plain(rel: str) -> PurePosixPath:
    pure = PurePosixPath(rel)
    if not rel or pure.is_absolute() or ".." in pure.parts or "\\" in rel or "\0" in rel:
        raise OutputError(f"refusing to write {rel!r}: not a plain path inside the site")
    return pure


class Patch:
    """Changes to a live site, applied together by `commit()`: the incremental writer.

    Replacing a 250,000-page site to change three pages costs a hard link per
    file; a patch touches only the files that change. Files are written into a
    private folder first; `commit()` writes a journal of the moves, then renames
    each file into the live site. A build killed before the journal exists
    leaves the site as it was; one killed after it is completed by the next
    build (`swap.recover` replays the journal), so the site never stays half-patched.
    Each page is replaced whole (rename), so a reader never sees a partial file.
    """

    def __init__(self, output: Path) -> None:
        self.output = output.resolve()
        if not (self.output / MARKER).is_file():
            raise OutputError(f"{self.output} is not a cablegen site; a full build must come first")
        swap.recover(self.output)
        self.root = self.output.parent / f".{self.output.name}.patch-{os.getpid()}"
        shutil.rmtree(self.root, ignore_errors=True)
        self.root.mkdir(parents=True)
        self._real_output = self.output.resolve()
        self._checked: set[Path] = set()
        self.moves: list[str] = []
        self.deletes: list[str] = []
        self.created = 0
        """Files the patch adds to the site (not replacing one)."""

    def _live(self, rel: str) -> Path:
        path = self.output / _plain(rel)
        parent = path.parent
        while parent not in self._checked and not parent.exists():
            parent = parent.parent
        if parent not in self._checked:
            if not parent.resolve().is_relative_to(self._real_output):
                raise OutputError(f"refusing to write {rel!r}: it resolves outside the output")
            self._checked.add(parent)
        return path

    def put(self, rel: str, data: Data) -> bool:
        """Replace site-root path `rel` with `data`; False (nothing to do) when already equal."""
        live = self._live(rel)
        if isinstance(data, bytes) and _same(live, data):
            return False
        staged = self.root / _plain(rel)
        staged.parent.mkdir(parents=True, exist_ok=True)
        _write(staged, data)
        if not isinstance(data, bytes) and _same_file(live, staged):
            staged.unlink()
            return False
        self.created += not live.exists()
        self.moves.append(rel)
        return True

    def delete(self, rel: str) -> None:
        """Remove site-root path `rel` from the live site on commit (if it is there)."""
        if self._live(rel).is_file():
            self.deletes.append(rel)

    def read(self, rel: str) -> bytes:
        """The bytes `rel` will have after commit (staged, else live)."""
        staged = self.root / _plain(rel)
        return staged.read_bytes() if staged.is_file() else self._live(rel).read_bytes()

    def commit(self) -> None:
        """Move every staged file into the live site and drop the deleted ones."""
        self.seal()
        swap.replay(self.root, self.output)

    def seal(self) -> None:
        """Write the journal: from here on the patch is applied, by this build or the next."""
        (self.root / MARKER).write_text("Built by cablegen; replaced whole on every build.\n")
        self.moves.append(MARKER)
        # A path both deleted and rewritten (a cable whose page moved back) is kept.
        moved = set(self.moves)
        self.deletes = [rel for rel in dict.fromkeys(self.deletes) if rel not in moved]
        journal = {"moves": self.moves, "deletes": self.deletes}
        tmp = self.root.with_name(self.root.name + ".journal.tmp")
        tmp.write_text(json.dumps(journal), "utf-8")
        os.replace(tmp, swap.journal(self.root))

    def abort(self) -> None:
        """Forget the patch; the live site is untouched."""
        shutil.rmtree(self.root, ignore_errors=True)


def site_stamp(output: Path) -> tuple[int, int, int] | None:
    """Identity of the site now in `output` (its marker's inode and times), None if absent.

    Every build writes a fresh marker, so a site replaced by another build, or
    restored from a copy, has another stamp.
    """
    try:
        st = (output / MARKER).stat()
    except OSError:
        return None
    return st.st_ino, st.st_mtime_ns, st.st_ctime_ns


Data = bytes | Iterable[bytes]
"""A file's bytes, or a stream of them for files too large to hold (cables.jsonl)."""


def _write(path: Path, data: Data) -> None:
    if isinstance(data, bytes):
        path.write_bytes(data)
        return
    with path.open("wb") as f:
        for chunk in data:
            f.write(chunk)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return filecmp.cmp(a, b, shallow=False)
    except OSError:
        return False


def _link_over(previous: Path, path: Path) -> None:
    """Make `path` a hard link to the equal file `previous` (kept as written if that fails)."""
    tmp = path.with_name(f".{path.name}.link")
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)
        os.link(previous, tmp)
        os.replace(tmp, path)


def _create(path: Path, data: bytes) -> None:
    """Write a new file at `path` in the private staging folder.

    An existing file there is a hard link to the live site (or an earlier write
    of this build): it is unlinked first, since writing through it would change
    the live site. Trying an exclusive create first spares the unlink otherwise.
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, 0o666)
    except FileExistsError:
        os.unlink(path)
        fd = os.open(path, flags, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
    finally:
        os.close(fd)


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except OSError:
        return False


def _check_output(output: Path) -> None:
    if output == Path(output.anchor) or output == Path.home().resolve():
        raise OutputError(f"refusing to use {output} as the output folder; choose a site folder")
    if output.exists() and not output.is_dir():
        raise OutputError(f"output {output} is a file; remove it or choose another --output")
    if output.is_dir() and any(output.iterdir()) and not (output / MARKER).exists():
        raise OutputError(
            f"output folder {output} is not empty and was not built by cablegen "
            f"(no {MARKER} file); a build replaces the whole folder, so choose an empty "
            "or new folder with --output"
        )
