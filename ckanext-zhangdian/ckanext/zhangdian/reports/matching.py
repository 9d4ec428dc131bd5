"""Finding the same resource under different registrations: equal resource codes, equal normalised
titles, or field sets at least 80 % alike (Jaccard), joined without comparing every pair.

The field-set join uses prefix filtering (Chaudhuri et al., "A primitive operator for similarity
joins"): with field names ordered rarest first, two sets with Jaccard ≥ t must share a name among the
first ``|s| - ceil(t·|s|) + 1`` of each, so only those names are indexed.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterator, Sequence

from ckanext.zhangdian.reports.text import normalise_field_name, normalise_title

FIELD_SIMILARITY = 0.8
MINIMUM_FIELDS = 4  # fewer distinctive fields say little about identity
COMMON_FIELD_SHARE = 0.02  # a field name in more than 2 % of the sets (序号, 名称, 地址…) is not distinctive
COMMON_FIELD_MINIMUM = 20  # …and in at least this many (small catalogs have no common fields)


@dataclass(frozen=True, slots=True)
class Entry:
    """Anything registered somewhere: a dataset, a list row, a higher-level catalog entry."""

    key: str
    owner: str  # department id, or "level:<catalog>" for higher-level entries
    resource_code: str
    title: str
    field_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    left: Entry
    right: Entry
    basis: str  # "code" | "title" | "fields"
    similarity: float = 1.0


def matches(entries: Sequence[Entry]) -> Iterator[Match]:
    """Every pair of entries of different owners that look like the same resource (best basis only)."""
    seen: set[tuple[str, str]] = set()
    for basis, groups in (("code", _groups(entries, lambda e: e.resource_code)),
                          ("title", _groups(entries, lambda e: normalise_title(e.title)))):
        for group in groups:
            for i, left in enumerate(group):
                for right in group[i + 1:]:
                    if left.owner != right.owner and _new(seen, left, right):
                        yield Match(left, right, basis)
    for left, right, similarity in _similar_field_sets(entries):
        if left.owner != right.owner and _new(seen, left, right):
            yield Match(left, right, "fields", similarity)


def _new(seen: set[tuple[str, str]], left: Entry, right: Entry) -> bool:
    pair = (left.key, right.key) if left.key < right.key else (right.key, left.key)
    if pair in seen:
        return False
    seen.add(pair)
    return True


def _groups(entries: Sequence[Entry], key) -> list[list[Entry]]:
    grouped: dict[str, list[Entry]] = defaultdict(list)
    for entry in entries:
        value = key(entry)
        if value:
            grouped[value].append(entry)
    return [group for group in grouped.values() if len({entry.owner for entry in group}) > 1]


def _similar_field_sets(entries: Sequence[Entry]) -> Iterator[tuple[Entry, Entry, float]]:
    """Pairs whose distinctive field names are ≥ 80 % alike. Names that many datasets share (序号, 名称,
    地址…) are dropped first: they do not identify a resource, and they would make every set a
    candidate of every other."""
    sets = [(entry, frozenset(filter(None, map(normalise_field_name, entry.field_names))))
            for entry in entries]
    frequency = Counter(name for _, names in sets for name in names)
    common = max(COMMON_FIELD_MINIMUM, COMMON_FIELD_SHARE * len(sets))
    sets = [(entry, frozenset(name for name in names if frequency[name] <= common)) for entry, names in sets]
    sets = [(entry, names) for entry, names in sets if len(names) >= MINIMUM_FIELDS]
    index: dict[str, list[int]] = defaultdict(list)
    for position, (entry, names) in enumerate(sets):
        ordered = sorted(names, key=lambda name: (frequency[name], name))
        prefix = len(names) - math.ceil(FIELD_SIMILARITY * len(names)) + 1
        candidates: set[int] = set()
        for name in ordered[:prefix]:
            candidates.update(index[name])
            index[name].append(position)
        size = len(names)
        for other in candidates:
            other_entry, other_names = sets[other]
            if other_entry.owner == entry.owner or not (
                    FIELD_SIMILARITY * size <= len(other_names) <= size / FIELD_SIMILARITY):
                continue  # Jaccard ≥ t needs t·|s| ≤ |r| ≤ |s|/t
            similarity = len(names & other_names) / len(names | other_names)
            if similarity >= FIELD_SIMILARITY:
                yield other_entry, entry, similarity
