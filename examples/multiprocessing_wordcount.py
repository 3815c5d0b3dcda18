#!/usr/bin/env python3
"""Count the words of a small corpus with map/reduce on a process pool."""

import collections
import multiprocessing
import pathlib
import re

from multiprocessing_mapreduce import map_reduce

CORPUS = pathlib.Path(__file__).resolve().with_name("corpus")
STOP_WORDS = set("""a after all an and any are as at be before by can do does
    every for from has he her his if in into is it its more no not of on one or
    out over she so than that the their them then there they this to up was
    were what when where which will with you your""".split())


def words_of(path):
    """Map: one text file in, a (word, count) pair per distinct word out."""
    text = path.read_text(encoding="utf-8").lower()
    words = [w for w in re.findall(r"[a-z]+", text) if w not in STOP_WORDS]
    return list(collections.Counter(words).items())


def total(item):
    """Reduce: a word and its counts from every file in, the word and its sum out."""
    word, counts = item
    return word, sum(counts)


if __name__ == "__main__":
    files = sorted(CORPUS.glob("*.txt"))
    with multiprocessing.Pool() as pool:
        counts = map_reduce(files, words_of, total, pool.map)

    print(f"{len(files)} files, {len(counts)} different words; the most common:")
    for word, n in sorted(counts, key=lambda pair: (-pair[1], pair[0]))[:10]:
        print(f"{n:4}  {word}")
