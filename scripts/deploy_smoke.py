"""Smoke test of a deployed environment through its public host (the CI/CD pipeline runs it
against staging before production is offered for approval, and against production after).

    SMOKE_EMAIL=… SMOKE_PASSWORD=… python scripts/deploy_smoke.py https://staging.videoplanet.example.com

Checks, each through the Ingress: the web app's first page answers; sign-in returns tokens;
the API serves the signed-in user; a WebSocket ticket opens /ws/notifications/ (the hello
arrives, a ping is answered with a pong). Exit 1 with the failed step on stdout. The
account is an ordinary user the operator creates once per environment (docs/deploy.md).
Needs only `requests` and `websockets`.
"""

import asyncio
import json
import os
import sys

import requests
import websockets

TIMEOUT = 15


def step(name: str, ok: bool, detail: str = "") -> None:
    print(f"{'ok    ' if ok else 'FAILED'} {name}{': ' + detail if detail else ''}", flush=True)
    if not ok:
        sys.exit(1)


async def socket_round_trip(base: str, ticket: str) -> None:
    url = base.replace("https://", "wss://").replace("http://", "ws://") + f"/ws/notifications/?ticket={ticket}"
    async with websockets.connect(url, origin=base, open_timeout=TIMEOUT) as ws:
        hello = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
        step("websocket hello", hello.get("type") == "hello", hello.get("stream", ""))
        await ws.send(json.dumps({"type": "ping"}))
        while True:
            message = json.loads(await asyncio.wait_for(ws.recv(), TIMEOUT))
            if message.get("type") == "pong":
                step("websocket ping → pong", True)
                return


def main() -> None:
    base = sys.argv[1].rstrip("/")
    email, password = os.environ["SMOKE_EMAIL"], os.environ["SMOKE_PASSWORD"]
    http = requests.Session()

    page = http.get(f"{base}/", timeout=TIMEOUT)
    step("web app page", page.status_code == 200, str(page.status_code))

    login = http.post(f"{base}/api/v1/auth/login/", json={"email": email, "password": password}, timeout=TIMEOUT)
    step("sign-in", login.status_code == 200, str(login.status_code))
    http.headers["Authorization"] = f"Bearer {login.json()['access']}"

    me = http.get(f"{base}/api/v1/users/me/", timeout=TIMEOUT)
    step("signed-in user", me.status_code == 200 and me.json().get("email") == email, str(me.status_code))

    ticket = http.post(f"{base}/api/v1/auth/ws-ticket/", json={}, timeout=TIMEOUT)
    step("websocket ticket", ticket.status_code in (200, 201), str(ticket.status_code))
    asyncio.run(socket_round_trip(base, ticket.json()["ticket"]))
    print("smoke test passed", flush=True)


if __name__ == "__main__":
    main()
