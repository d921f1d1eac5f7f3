"""The CLI's per-document savings (issue 13, helper `tiny`) against what they replace."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleaner import batch, io


@pytest.mark.parametrize("size", [0, 1, 7, 8, 9, 10, 11, 40])
@pytest.mark.parametrize("limit", [1, 8, 9, 10])
def test_a_bounded_read_reads_what_a_read_of_the_limit_does(
    tmp_path: Path, size: int, limit: int
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bytes(range(65, 65 + size)))
    with open(path, "rb") as stream:
        expected = stream.read(limit + 1)
    with open(path, "rb") as stream:
        assert batch._read_bounded(stream, limit) == expected


@pytest.mark.parametrize("seen", [0, 3, 5])
def test_a_bounded_read_of_a_file_that_grew_after_its_size_was_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, seen: int
) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"0123456789abcdef")
    real = os.fstat

    class Shrunk:
        st_size = seen

    monkeypatch.setattr(os, "fstat", lambda fd: Shrunk() if fd > 2 else real(fd))
    for limit in (4, 10, 15, 16, 30):
        with open(path, "rb") as stream:
            assert batch._read_bounded(stream, limit) == path.read_bytes()[: limit + 1]


def test_an_atomic_write_makes_its_folder_and_fails_as_before(tmp_path: Path) -> None:
    io.write_atomic(tmp_path / "new" / "deep" / "a.txt", b"x")
    assert (tmp_path / "new" / "deep" / "a.txt").read_bytes() == b"x"
    mask = os.umask(0o022)
    os.umask(mask)
    mode = stat.S_IMODE((tmp_path / "new" / "deep" / "a.txt").stat().st_mode)
    assert mode == 0o666 & ~mask
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(FileExistsError):  # mkdir's error, as when it ran first
        io.write_atomic(tmp_path / "file" / "a.txt", b"x")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file", "new"]


def test_an_output_right_in_the_folder_skips_the_symlink_check_only_there(
    tmp_path: Path,
) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    assert io.output_path(tmp_path, "a.txt") == tmp_path / "a.txt"
    assert io.output_path(tmp_path, "real/a.txt") == tmp_path / "real" / "a.txt"
    with pytest.raises(io.WriteRefused):
        io.output_path(tmp_path, "link/a.txt")


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12,
)


@given(_json)
def test_a_json_line_is_what_json_dumps_writes(record: Any) -> None:
    try:
        expected = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    except UnicodeEncodeError:
        expected = (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")
    assert io.json_line(record) == expected
