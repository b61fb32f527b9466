"""The site's cache backends: Redis for several servers, diskcache for one.

Django's Redis cache, keeping one Redis client per connection pool: Django
builds a new ``redis.Redis`` for every cache call. With redis-py 8 that costs
about 130 µs of CPU (the client fills its table of ~140 response callbacks), as
much as the call's own round trip to Redis; a cached page reads the cache on
every request. A client only wraps its pool and is thread-safe, so
one per pool serves every call.

diskcache's Django cache, keeping its SQLite connections: Django closes every
cache at the end of each request, and diskcache then closes the connections to
its eight shards, which the next request opens again (1 ms of CPU for the
closing alone, and a cached hit read the version through a fresh connection).
They stay open for the process, as the database's connections do.
"""

import diskcache
from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if (client := self._clients.get(id(pool))) is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient


class DiskCache(diskcache.DjangoCache):
    def close(self, **kwargs) -> None:
        """Kept open: Django calls this after every request (see above)."""
