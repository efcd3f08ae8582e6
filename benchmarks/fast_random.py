"""A seeded random stream for the large benchmark database that draws the very numbers
`random.Random` of CPython 3.11 draws, with fewer Python calls.

`Random.randint` goes through `randrange` (argument checks) and `_randbelow` (three Python
calls per number); `choice`, `sample` and `choices` add their own. The generator draws
millions of them at 100,000 households, so these do the same arithmetic on the same
`getrandbits`/`random` (both in C) in one call each: a seed gives the same database as
before. Only the calls the generator makes are covered (integers, sequences, `k=1` choices
with weights)."""

from __future__ import annotations

import random
from bisect import bisect
from itertools import accumulate
from math import ceil
from math import log


class Rng(random.Random):
    """`random.Random` with faster `randint`, `choice`, `sample` and `choices` (same draws)."""

    def randint(self, a: int, b: int) -> int:  # type: ignore[override]
        n = b - a + 1
        if n <= 0:
            raise ValueError(f"empty range for randint({a}, {b})")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return a + r

    def below(self, n: int) -> int:
        """A number in range(n) as `_randbelow` draws it (n > 0)."""
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return r

    def choice(self, seq):  # type: ignore[override]
        n = len(seq)
        if not n:
            raise IndexError("Cannot choose from an empty sequence")
        getrandbits = self.getrandbits
        k = n.bit_length()
        r = getrandbits(k)
        while r >= n:
            r = getrandbits(k)
        return seq[r]

    def sample(self, population, k, *, counts=None):  # type: ignore[override]
        if counts is not None:
            return super().sample(population, k, counts=counts)
        n = len(population)
        if not 0 <= k <= n:
            raise ValueError("Sample larger than population or is negative")
        below = self.below
        result = [None] * k
        setsize = 21  # as random.Random.sample: a list when it is smaller than a set
        if k > 5:
            setsize += 4 ** ceil(log(k * 3, 4))
        if n <= setsize:
            pool = list(population)
            for i in range(k):
                j = below(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
        else:
            selected: set[int] = set()
            for i in range(k):
                j = below(n)
                while j in selected:
                    j = below(n)
                selected.add(j)
                result[i] = population[j]
        return result

    def choices(self, population, weights=None, *, cum_weights=None, k=1):  # type: ignore[override]
        if k != 1 or (weights is None and cum_weights is None):
            return super().choices(population, weights, cum_weights=cum_weights, k=k)
        if cum_weights is None:
            cum_weights = list(accumulate(weights))
        return [self.weighted(population, cum_weights)]

    def weighted(self, population, cum_weights) -> object:
        """`choices(population, cum_weights=cum_weights)[0]`, without the list."""
        return population[
            bisect(cum_weights, self.random() * (cum_weights[-1] + 0.0), 0, len(population) - 1)
        ]
