"""Keyed MinHash signatures and their LSH band keys, in numpy.

The shingles are hashed with the MinHash key (``FeatureKeys.shingle_hashes``) and the permutations come from
the same key (``FeatureKeys.minhash_permutations``), so a signature says nothing to someone without the key.
Each permutation is a multiply-shift hash ``((a * h + b) mod 2**64) >> 32`` of the 64-bit keyed shingle
hash: numpy computes all of them for all shingles at once. (datasketch was measured at about 5 times the cost
per report for the same signature, because its hash function is called per shingle in Python.)
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from tipline.vault.feature_keys import FeatureKeys

EMPTY_VALUE = np.uint32(0xFFFFFFFF)
# Fixed odd 64-bit multipliers that fold the rows of a band into one key (the values are already keyed).
_BAND_MIXERS = np.array(
    [
        0x9E3779B97F4A7C15,
        0xC2B2AE3D27D4EB4F,
        0x165667B19E3779F9,
        0xD6E8FEB86659FD93,
        0xFF51AFD7ED558CCD,
        0xC4CEB9FE1A85EC53,
        0x94D049BB133111EB,
        0xBF58476D1CE4E5B9,
    ],
    dtype=np.uint64,
)

Signature = npt.NDArray[np.uint32]


class MinHasher:
    """Signatures of ``permutations`` values for shingle sets, under one MinHash key."""

    def __init__(self, keys: FeatureKeys, *, permutations: int, bands: int) -> None:
        if permutations % bands or permutations // bands > len(_BAND_MIXERS):
            raise ValueError("permutations must split into bands of at most 8 rows")
        pairs = keys.minhash_permutations(permutations)
        self._keys = keys
        self._multipliers = np.array([a for a, _ in pairs], dtype=np.uint64)
        self._offsets = np.array([b for _, b in pairs], dtype=np.uint64)
        self.permutations = permutations
        self.bands = bands
        self.rows = permutations // bands
        self._band_salt = np.arange(1, bands + 1, dtype=np.uint64) * np.uint64(0x2545F4914F6CDD1D)

    def signature(self, shingles: set[str]) -> Signature:
        if not shingles:
            return np.full(self.permutations, EMPTY_VALUE, dtype=np.uint32)
        hashes = np.array(self._keys.shingle_hashes(sorted(shingles)), dtype=np.uint64)
        with np.errstate(over="ignore"):
            mixed = hashes[:, None] * self._multipliers[None, :] + self._offsets[None, :]
        values: Signature = (mixed >> np.uint64(32)).min(axis=0).astype(np.uint32)
        return values

    def band_keys(self, signature: Signature) -> npt.NDArray[np.uint64]:
        """One 64-bit key per band: reports whose signatures agree on all rows of a band share its key."""
        rows = signature.astype(np.uint64).reshape(self.bands, self.rows)
        with np.errstate(over="ignore"):
            folded = (rows * _BAND_MIXERS[None, : self.rows]).sum(axis=1, dtype=np.uint64) + self._band_salt
            folded ^= folded >> np.uint64(29)
            folded *= np.uint64(0xBF58476D1CE4E5B9)
            folded ^= folded >> np.uint64(32)
        keys: npt.NDArray[np.uint64] = folded.astype(np.uint64)
        return keys


def estimated_similarity(first: Signature, second: Signature) -> float:
    """The share of equal positions estimates the Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(first == second)) / len(first)
