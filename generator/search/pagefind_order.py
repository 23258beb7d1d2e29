"""Put a Pagefind index's filter files in a fixed order, so builds are reproducible.

Pagefind 1.5 writes each filter's values, and the list of filters in its
metadata file, in the order of a Rust HashMap, which is seeded afresh in every
process: the same pages give other bytes, and so other content-hashed file
names, on every run. This rewrites those files sorted and renames them by the
hash of their new bytes, then points the metadata and entry files at the new
names. The browser reads only what the entry and metadata files name, so the
index means exactly what Pagefind wrote.

Files are gzip-compressed CBOR behind the "pagefind_dcd" signature.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

SIGNATURE = b"pagefind_dcd"


def decode(blob: bytes) -> Any:
    """The value in a Pagefind data file (the CBOR subset it writes)."""
    raw = gzip.decompress(blob)
    if not raw.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file: signature missing")
    value, end = _item(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError(f"trailing bytes after the value at {end}")
    return value


def encode(value: Any) -> bytes:
    """A Pagefind data file holding `value`; gzip without a timestamp, so bytes repeat."""
    out = bytearray(SIGNATURE)
    _put(value, out)
    return gzip.compress(bytes(out), compresslevel=9, mtime=0)


def _item(data: bytes, i: int) -> tuple[Any, int]:
    head = data[i]
    major, info = head >> 5, head & 31
    i += 1
    if info < 24:
        n = info
    elif info <= 27:
        size = 1 << (info - 24)
        n, i = int.from_bytes(data[i : i + size], "big"), i + size
    else:
        raise ValueError(f"unsupported CBOR head {head:#x} at {i - 1}")
    if major == 0:
        return n, i
    if major == 1:
        return -1 - n, i
    if major in (2, 3):
        chunk = data[i : i + n]
        return (chunk.decode() if major == 3 else chunk), i + n
    if major in (4, 5):
        items = []
        for _ in range(n * (2 if major == 5 else 1)):
            item, i = _item(data, i)
            items.append(item)
        if major == 4:
            return items, i
        return dict(zip(items[::2], items[1::2], strict=True)), i
    if major == 7 and n in (20, 21, 22):
        return {20: False, 21: True, 22: None}[n], i
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, n: int, out: bytearray) -> None:
    if n < 24:
        out.append(major << 5 | n)
        return
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            out.append(major << 5 | info)
            out += n.to_bytes(size, "big")
            return
    raise ValueError(f"integer {n} too large for CBOR")


def _put(value: Any, out: bytearray) -> None:
    if value is None or isinstance(value, bool):
        out.append(0xF6 if value is None else 0xF5 if value else 0xF4)
    elif isinstance(value, int):
        _head(0, value, out) if value >= 0 else _head(1, -1 - value, out)
    elif isinstance(value, str):
        raw = value.encode()
        _head(3, len(raw), out)
        out += raw
    elif isinstance(value, bytes):
        _head(2, len(value), out)
        out += value
    elif isinstance(value, list):
        _head(4, len(value), out)
        for item in value:
            _put(item, out)
    elif isinstance(value, dict):
        _head(5, len(value), out)
        for key, item in value.items():
            _put(key, out)
            _put(item, out)
    else:
        raise TypeError(f"cannot encode {type(value).__name__} as CBOR")


def _rename(folder: Path, old: Path, blob: bytes, prefix: str, suffix: str, digits: int) -> str:
    """Write `blob` under a name from its own hash; returns the hash part ("en_1a2b3c4")."""
    language = old.name.split("_", 1)[0].removeprefix(prefix)
    name = f"{language}_{hashlib.sha256(blob).hexdigest()[:digits]}"
    old.unlink()
    (folder / f"{prefix}{name}{suffix}").write_bytes(blob)
    return name


def normalise(index_dir: Path) -> None:
    """Rewrite one Pagefind output folder's HashMap-ordered files in sorted order."""
    entry_path = index_dir / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text("utf-8"))
    for lang in entry["languages"].values():
        meta_path = index_dir / f"pagefind.{lang['hash']}.pf_meta"
        meta = decode(meta_path.read_bytes())
        renamed: dict[str, str] = {}
        for name, file_hash in meta[3]:
            path = index_dir / "filter" / f"{file_hash}.pf_filter"
            filter_name, values = decode(path.read_bytes())
            blob = encode([filter_name, sorted(values, key=lambda v: v[0])])
            renamed[name] = _rename(path.parent, path, blob, "", ".pf_filter", 7)
        meta[3] = sorted([name, renamed[name]] for name, _ in meta[3])
        lang["hash"] = _rename(index_dir, meta_path, encode(meta), "pagefind.", ".pf_meta", 10)
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    entry_path.write_text(text, "utf-8")
