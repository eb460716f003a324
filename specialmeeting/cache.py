"""Cache backends that degrade to a miss when their store is unreachable.

Rate limits (allauth) and page caches use the cache on every request; an outage of
Redis, or a full disk under the file cache, must cost speed, never a failed request.
While the store is down, reads miss and writes are dropped; ``add`` reports success so
that allauth's rate-limit lock does not turn every sign-in into a 429 (rate limits are
not enforced during an outage). After a failure the store is left alone for a few
seconds, so an outage does not add a connection timeout to every cache call.
"""

import functools
import logging
import time

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 5.0

# What each operation answers when the store cannot be reached.
_FALLBACKS = {
    "add": True,
    "get": None,
    "set": None,
    "touch": False,
    "delete": False,
    "get_many": {},
    "has_key": False,
    "set_many": [],
    "delete_many": None,
    "clear": None,
    "incr": None,
}


def _forgiving(cls, errors):
    """Wrap every operation of a cache backend class so ``errors`` become a miss."""

    def wrap(name, method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            if time.monotonic() >= self._down_until:
                try:
                    return method(self, *args, **kwargs)
                except errors as exc:
                    self._down_until = time.monotonic() + RETRY_AFTER_SECONDS
                    logger.warning("cache %s failed; treated as a miss: %s", name, exc)
            if name == "get":
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            if name == "incr":
                raise ValueError("The cache is unavailable.")
            return _FALLBACKS[name]

        return wrapper

    attrs = {name: wrap(name, getattr(cls, name)) for name in _FALLBACKS}
    attrs["_down_until"] = 0.0
    return type(f"Forgiving{cls.__name__}", (cls,), attrs)


def _redis_errors():
    import redis

    return (redis.exceptions.RedisError, OSError)


class ReusedRedisCacheClient(RedisCacheClient):
    """Django's client, with one ``redis.Redis`` per connection pool instead of one per
    operation.

    redis-py builds its table of about 170 response callbacks in every ``redis.Redis()``:
    0.13 ms, twice per page served from the page cache, a quarter of its CPU. A client
    holds nothing but its pool and is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class _RedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient


ForgivingRedisCache = _forgiving(_RedisCache, _redis_errors())
ForgivingFileBasedCache = _forgiving(FileBasedCache, (OSError,))
