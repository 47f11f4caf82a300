"""The Redis servers of the Channels layer, from the environment (config/settings/datastores.py).

channels_redis spreads channels and groups over every host it is given (a consistent hash
of the name picks one), so several Redis servers share the realtime load; each host may
instead be a Sentinel-watched master, found through the sentinels at connect time and
again after a failover.

- nothing set: the one REDIS_URL;
- CHANNEL_REDIS_URLS=redis://a:6379/0,redis://b:6379/0: one shard per URL;
- CHANNEL_REDIS_SENTINELS=s1:26379,s2:26379 with CHANNEL_REDIS_SENTINEL_MASTERS=rt-a,rt-b:
  one shard per master name, all watched by the same sentinels (CHANNEL_REDIS_PASSWORD is
  the masters' and the sentinels' password, when they have one).

Every process of a deployment must see the same list in the same order: the hash maps a
name to a position in it.
"""

# No read timeout on the layer's connections: redis-py 8 defaults to 5 s, equal to the
# layer's blocking pop, which kills idle consumers (DESIGN §8).
NO_READ_TIMEOUT = {"socket_timeout": None}


def _host_port(value: str) -> tuple[str, int]:
    host, _, port = value.strip().rpartition(":")
    if not host or not port.isdigit():
        raise ValueError(f"CHANNEL_REDIS_SENTINELS entries are host:port, got {value!r}")
    return host, int(port)


def channel_layer_hosts(
    *, redis_url: str, urls: list[str], sentinels: list[str], masters: list[str], password: str = ""
) -> list[dict]:
    if sentinels or masters:
        if not (sentinels and masters):
            raise ValueError("CHANNEL_REDIS_SENTINELS and CHANNEL_REDIS_SENTINEL_MASTERS go together")
        secret = {"password": password} if password else {}
        return [
            {
                "master_name": master,
                "sentinels": [_host_port(s) for s in sentinels],
                "sentinel_kwargs": dict(secret, **NO_READ_TIMEOUT),
                **secret,
                **NO_READ_TIMEOUT,
            }
            for master in masters
        ]
    return [{"address": url, **NO_READ_TIMEOUT} for url in (urls or [redis_url])]
