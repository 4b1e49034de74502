"""The vectorised eexec gives the bytes of the byte-by-byte cipher (Type 1 fonts of the
documents' PDFs, whose ids are fixed so that a PDF does not depend on its LibreOffice run)."""

from __future__ import annotations

import random

import pytest

from paigen.docs import _eexec as eexec
from paigen.docs._soffice import _eexec as reference


@pytest.mark.parametrize("size", [0, 1, 2, 7, 255, 4096, 70_000])
def test_decryption_matches_the_byte_by_byte_cipher(size):
    data = random.Random(size).randbytes(size)
    plain, state = eexec.decrypt(data)
    assert plain == reference(data, decrypt=True)
    assert len(state) == size + 1 and int(state[0]) == eexec.R
    assert eexec.encrypt(plain) == data


@pytest.mark.parametrize("seed", range(6))
def test_reencryption_from_the_first_change_is_a_whole_new_encryption(seed):
    rng = random.Random(seed)
    plain = rng.randbytes(rng.randrange(10, 5000))
    cipher = reference(plain, decrypt=False)
    decrypted, state = eexec.decrypt(cipher)
    assert decrypted == plain
    new = bytearray(plain)
    for _i in range(rng.randrange(0, 4)):
        new[rng.randrange(len(new))] = rng.randrange(256)
    assert eexec.reencrypt(cipher, plain, bytes(new), state) == reference(bytes(new), decrypt=False)


def test_a_fixed_font_id_is_written_like_the_byte_by_byte_rewrite():
    """The rewrite of stable_font_ids on a made-up font program: same bytes as eexec'ing the
    whole private part again, as the rewrite did before it was vectorised."""
    import re

    from paigen.docs._soffice import _UNIQUE_ID, _fixed_id

    body = (b"dup /Private 8 dict dup begin /UniqueID 4100033 def /password 5839 def "
            + bytes(range(256)) * 20 + b" mark currentfile closefile")
    cipher = reference(b"\x01\x02\x03\x04" + body, decrypt=False) + reference(b"\0" * 8, decrypt=False)
    plain, state = eexec.decrypt(cipher)
    end = plain.find(b"closefile") + len(b"closefile")
    fixed = _UNIQUE_ID.sub(_fixed_id, plain[:end]) + bytes(len(plain) - end)
    assert re.search(rb"/UniqueID 4000000 ", fixed)
    assert eexec.reencrypt(cipher, plain, fixed, state) == reference(fixed, decrypt=False)
