"""Page checksums in .tutti files: written into the bytes SQLite reserves at the end of every page, so that a
change by another SQLite program (or damage the structural checks cannot see) shows when the file is opened."""

from __future__ import annotations

import hashlib
import sqlite3

from storage.schema import APPLICATION_ID

CHECKSUM_BYTES = 8


def _page_checksum(number: int, page: memoryview) -> bytes:
    checksum = hashlib.blake2b(number.to_bytes(4, "big"), digest_size=CHECKSUM_BYTES)
    if number == 1:
        # Leave out the header fields any SQLite program rewrites without changing the content:
        # journal mode (18-19), change counter (24-27), and the SQLite version that wrote it (92-99).
        page = bytearray(page)
        page[18:20], page[24:28], page[92:100] = bytes(2), bytes(4), bytes(8)
    checksum.update(page[:-CHECKSUM_BYTES])
    return checksum.digest()


def sealable_database() -> sqlite3.Connection:
    """An empty in-memory database whose pages keep CHECKSUM_BYTES free at their end for `seal`."""
    connection = sqlite3.connect(":memory:")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    page = bytearray(connection.serialize())
    # The header's reserved-space byte, and where the empty first page's cell content starts (its usable end).
    page[20] = CHECKSUM_BYTES
    page[105:107] = (len(page) - CHECKSUM_BYTES).to_bytes(2, "big")
    connection.deserialize(bytes(page))
    return connection


def seal(data: bytearray, page_size: int) -> None:
    """Write each page's checksum into the bytes SQLite reserves at the end of every page for such uses."""
    view = memoryview(data)
    for number, start in enumerate(range(0, len(data), page_size), 1):
        view[start + page_size - CHECKSUM_BYTES : start + page_size] = _page_checksum(
            number, view[start : start + page_size]
        )


def changed_elsewhere(data: bytes, page_size: int) -> bool:
    """True when a page no longer matches the checksum Tutti wrote: another SQLite program changed the file
    (an UPDATE, a VACUUM), or it was damaged in a way the structural checks cannot see. Files without
    checksums (from older Tutti versions) count as unchanged."""
    if data[20] != CHECKSUM_BYTES:
        return False
    view = memoryview(data)
    return any(
        view[start + page_size - CHECKSUM_BYTES : start + page_size]
        != _page_checksum(number, view[start : start + page_size])
        for number, start in enumerate(range(0, len(data), page_size), 1)
    )
