"""PostgreSQL (or SQLite under var/) and Redis: cache, channel layer, ws tickets."""

from config.channel_hosts import channel_layer_hosts

from ._env import VAR_DIR, env, env_list, env_str

# --- database: PostgreSQL via DATABASE_URL, SQLite under var/ otherwise ---
DATABASES = {
    "default": env.db_url_config(env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DB_CONN_MAX_AGE", default=0)
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"].endswith("postgresql") and env.bool("DB_POOL", default=True):
    # Daphne runs each request (and database_sync_to_async call) in a thread of its own,
    # and Django keeps a connection per thread: without a pool every request opened a new
    # PostgreSQL connection (a new server process, cold caches), whatever CONN_MAX_AGE said.
    DATABASES["default"]["CONN_MAX_AGE"] = 0  # pooled connections go back at request end
    DATABASES["default"]["OPTIONS"] = {
        "pool": {"min_size": 2, "max_size": env.int("DB_POOL_MAX_SIZE", default=20), "timeout": 10}
    }
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL + a busy timeout: web, worker and beat write the same file concurrently.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, channel layer, Celery broker, ws tickets ---
REDIS_URL = env_str("REDIS_URL", "redis://127.0.0.1:6379/0")
REDIS_TIMEOUT = env.float("REDIS_TIMEOUT", default=1.0)

CACHES = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "vp",
        "OPTIONS": {
            # The cache (throttles included) fails open: a Redis outage must not take
            # REST down with it. Things that need Redis (tickets) use it directly.
            "IGNORE_EXCEPTIONS": True,
            "SOCKET_CONNECT_TIMEOUT": REDIS_TIMEOUT,
            "SOCKET_TIMEOUT": REDIS_TIMEOUT,
        },
    }
}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            # REDIS_URL, or several shards / Sentinel masters (config/channel_hosts.py);
            # no read timeout on any of them (DESIGN §8).
            "hosts": channel_layer_hosts(
                redis_url=REDIS_URL,
                urls=env_list("CHANNEL_REDIS_URLS", []),
                sentinels=env_list("CHANNEL_REDIS_SENTINELS", []),
                masters=env_list("CHANNEL_REDIS_SENTINEL_MASTERS", []),
                password=env("CHANNEL_REDIS_PASSWORD", default=""),
            ),
            "capacity": 1500,
            "expiry": 60,
            "group_expiry": 86400,
        },
    }
}
