"""eexec, the cipher of a Type 1 font's private part (Adobe Type 1 Font Format, §7), for the
fonts LibreOffice embeds in the documents' PDFs.

Decryption is one vectorised pass: the cipher's state follows r(i+1) = C1·r(i) + (C1·c(i) + C2)
modulo 2^16, a linear recurrence in the known cipher bytes, so every state is a prefix sum
(C1 is odd, hence invertible modulo 2^16). Encryption feeds each cipher byte back into the
state and stays a loop, run only from the first byte whose plain text changed: before it, the
cipher is the one the font had.
"""

from __future__ import annotations

import numpy as np

R, C1, C2 = 55665, 52845, 22719
_C1_INVERSE = pow(C1, -1, 1 << 16)


def states(cipher: bytes, r: int = R) -> np.ndarray:
    """The cipher's state before each byte of *cipher* and after the last (len + 1 values)."""
    c = np.frombuffer(cipher, dtype=np.uint8).astype(np.uint16)
    n = len(c)
    with np.errstate(over="ignore"):
        powers = np.empty(n + 1, dtype=np.uint16)  # C1^i
        powers[0] = 1
        powers[1:] = C1
        powers = np.cumprod(powers, dtype=np.uint16)
        inverse = np.full(n, _C1_INVERSE, dtype=np.uint16)  # C1^-(k+1)
        inverse = np.cumprod(inverse, dtype=np.uint16)
        terms = (c * np.uint16(C1) + np.uint16(C2)) * inverse
        sums = np.zeros(n + 1, dtype=np.uint16)
        sums[1:] = np.cumsum(terms, dtype=np.uint16)
        return powers * (np.uint16(r) + sums)


def decrypt(cipher: bytes, r: int = R) -> tuple[bytes, np.ndarray]:
    """The plain text of *cipher* and the states (:func:`states`)."""
    state = states(cipher, r)
    c = np.frombuffer(cipher, dtype=np.uint8)
    return (c ^ (state[:-1] >> 8).astype(np.uint8)).tobytes(), state


def encrypt(plain: bytes, r: int = R) -> bytes:
    out = bytearray(len(plain))
    for i, p in enumerate(plain):
        c = p ^ (r >> 8)
        out[i] = c
        r = ((c + r) * 52845 + 22719) & 0xFFFF
    return bytes(out)


def reencrypt(cipher: bytes, old: bytes, new: bytes, state: np.ndarray) -> bytes:
    """*cipher* (the encryption of *old*, with *state* from :func:`decrypt`) for the plain text
    *new* of the same length: the bytes before the first change are kept."""
    if old == new:
        return cipher
    first = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b) \
        if len(old) < 64 else _first_difference(old, new)
    return cipher[:first] + encrypt(new[first:], int(state[first]))


def _first_difference(a: bytes, b: bytes) -> int:
    diff = np.frombuffer(a, dtype=np.uint8) != np.frombuffer(b, dtype=np.uint8)
    return int(np.argmax(diff))
