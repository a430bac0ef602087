"""How often something happened per key in a fixed window, counted in the shared cache.

Locmem in development, Redis in production (docs/deploy.md), so every worker and container
adds to the same count. A window starts with its first event and ends `seconds` later,
however many events follow: a limit is lifted at the latest `seconds` after it began.
Keys are hashed: no e-mail or IP address is written into the cache.
"""

import hashlib

from django.core.cache import cache


class Limit:
    def __init__(self, name, allowed, seconds):
        self.name, self.allowed, self.seconds = name, allowed, seconds

    def _key(self, who):
        digest = hashlib.sha256(str(who).encode()).hexdigest()[:32]
        return f"limit:{self.name}:{digest}"

    def count(self, who):
        return cache.get(self._key(who), 0)

    def reached(self, who):
        return self.count(who) >= self.allowed

    def hit(self, who):
        """Count one event; False once more than `allowed` happened in the window."""
        key = self._key(who)
        cache.add(key, 0, self.seconds)
        try:
            count = cache.incr(key)
        except ValueError:  # the window ended between add() and incr()
            cache.set(key, 1, self.seconds)
            count = 1
        return count <= self.allowed
