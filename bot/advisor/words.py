"""Tokens, stop words and a typo-tolerant vocabulary of the words product names are made of."""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

_TOKEN = re.compile(r"[a-z0-9]+\+?")

STOP_WORDS = frozenset("""
a an and or the of to in on at by for from with without about as is are was be been it its this
that these those their they them he she his her we our us you your i me my some any also
please pls thanks thx so but if then than what which who whom whose how when where why can could
would should will shall may might must do does did has have had not no yes just only really very
customer customers cust client clients buyer someone somebody guy lady company office
buying buy buys bought getting gets get got wants want wanted needs need needed looking look
purchasing purchase purchased ordering order orders taking takes take going ask asks asking
else offer offers offering suggest suggestions suggestion recommend add adding something
anything other another more extra extras ideas idea hi hey hello ok okay mid call meeting
""".split())


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def content_tokens(text: str) -> list[str]:
    return [t for t in tokens(text) if t not in STOP_WORDS]


def _one_swap(a: str, b: str) -> bool:
    """b is a with two neighbouring letters swapped (the commonest typo: "ari" for "air")."""
    if len(a) != len(b) or a == b:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] \
        and a[diff[1]] == b[diff[0]]


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


IRREGULAR = {"mice": "mouse", "people": "person"}


@functools.lru_cache(maxsize=4096)
def kind_words(category: str | None) -> frozenset[str]:
    """The nouns that name a category's kind of product: "Phone Cases" -> {"case"}."""
    if not category:
        return frozenset()
    parts = re.split(r"\s*(?:&|,|/|\band\b)\s*", category.lower())
    heads = {tokens(part)[-1] for part in parts if tokens(part)}
    return frozenset(IRREGULAR.get(h, singular(h)) for h in heads)


def names_kind(question_words: set[str], kinds: set[str]) -> bool:
    """The question names the kind: "phone" names "smartphone", "laptops" names "laptop"."""
    for word in question_words:
        word = IRREGULAR.get(word, singular(word))
        if len(word) >= 3 and any(k == word or (len(word) >= 4 and k.endswith(word))
                                  for k in kinds):
            return True
    return False


class Vocabulary:
    """The words of product names, with their rarity, and a spelling fixer for questions."""

    def __init__(self, names: Iterable[str]):
        frequency: Counter[str] = Counter()
        documents = 0
        for name in names:
            documents += 1
            frequency.update(set(tokens(name)))
        self.documents = max(documents, 1)
        self.frequency = frequency
        self._by_first: dict[str, list[str]] = defaultdict(list)
        for word in frequency:
            if len(word) >= 3:
                self._by_first[word[0]].append(word)
        self._fixes: dict[str, str | None] = {}
        self._idf: dict[str, float] = {}

    def idf(self, word: str) -> float:
        value = self._idf.get(word)
        if value is None:
            value = self._idf[word] = math.log(1 + self.documents / (1 + self.frequency.get(word, 0)))
        return value

    def correct(self, word: str) -> str | None:
        """A vocabulary word this is probably a typo of, or None."""
        if word in self.frequency or len(word) < 3 or word in STOP_WORDS or word.isdigit():
            return None
        if word not in self._fixes:
            pool = [w for w in self._by_first.get(word[0], ()) if abs(len(w) - len(word)) <= 2]
            swapped = [w for w in pool if _one_swap(word, w)]
            close = swapped or (difflib.get_close_matches(word, pool, n=1, cutoff=0.8)
                                if len(word) >= 4 else [])
            self._fixes[word] = close[0] if close else None
        return self._fixes[word]

    def corrected(self, words: list[str]) -> list[str]:
        return [self.correct(w) or w for w in words]
