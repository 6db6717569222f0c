"""The parallel word lists stay parallel: same size, no repeats, matched frequency and length (§7e)."""

from __future__ import annotations

import statistics

import pytest
from wordfreq import zipf_frequency

from plugins.memoactiv.recall import normalise
from plugins.memoactiv.wordlists import LISTS, PRACTICE

MAX_ZIPF_SPREAD = 0.1  # Zipf units between the most and least frequent list (mean of 12 words)
MAX_LENGTH_SPREAD = 0.25  # letters


@pytest.mark.parametrize("language", sorted(LISTS))
def test_lists_are_parallel_forms(language):
    lists = LISTS[language]
    assert len(lists) == 8 and all(len(words) == 12 for words in lists)
    singulars = [normalise(word[0]) for words in lists for word in words]
    assert len(set(singulars)) == len(singulars), "a word appears in two lists"
    assert not {normalise(w) for w in PRACTICE[language]} & set(singulars), "practice words must be in no list"
    zipf = [statistics.fmean(zipf_frequency(word[0], language) for word in words) for words in lists]
    length = [statistics.fmean(len(word[0]) for word in words) for words in lists]
    assert max(zipf) - min(zipf) <= MAX_ZIPF_SPREAD, zipf
    assert max(length) - min(length) <= MAX_LENGTH_SPREAD, length
    assert min(zipf) >= 3.5, "frequent words only"
