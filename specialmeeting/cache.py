"""Cache backends that degrade to a miss when their store is unreachable.

Rate limits (allauth) and page caches read the cache on every request; an outage of
Redis, or a full disk under the file cache, must cost speed, never a 500.
"""

import functools
import logging

from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

# What each operation answers when the store cannot be reached.
_FALLBACKS = {
    "add": False,
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
            try:
                return method(self, *args, **kwargs)
            except errors as exc:
                logger.warning("cache %s failed, treated as a miss: %s", name, exc)
                if name == "get":
                    return kwargs.get("default", args[1] if len(args) > 1 else None)
                if name == "incr":
                    raise ValueError("cache unavailable") from exc
                return _FALLBACKS[name]

        return wrapper

    attrs = {name: wrap(name, getattr(cls, name)) for name in _FALLBACKS}
    return type(f"Forgiving{cls.__name__}", (cls,), attrs)


def _redis_errors():
    import redis

    return (redis.exceptions.RedisError, OSError)


ForgivingRedisCache = _forgiving(RedisCache, _redis_errors())
ForgivingFileBasedCache = _forgiving(FileBasedCache, (OSError,))
