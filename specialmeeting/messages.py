"""Django's message storage (a signed cookie, then the session), made when first used.

``FallbackStorage`` makes its cookie storage, and with it a cookie signer, on every
request, though most requests neither read nor add a message: a sixth of the CPU of a
page served from the page cache. This one makes them on first use; what it stores and
reads is Django's, unchanged.
"""

from django.contrib.messages.storage.base import BaseStorage
from django.contrib.messages.storage.fallback import FallbackStorage
from django.utils.functional import cached_property


class LazyFallbackStorage(FallbackStorage):
    def __init__(self, request, *args, **kwargs):
        BaseStorage.__init__(self, request, *args, **kwargs)
        self._storage_arguments = (args, kwargs)
        self._used_storages = set()

    @cached_property
    def storages(self):
        args, kwargs = self._storage_arguments
        return [cls(self.request, *args, **kwargs) for cls in self.storage_classes]
