"""A real HTTP server on loopback that speaks the OpenAI chat-completions API, for tests.

It answers `POST /v1/chat/completions` with JSON that matches the `response_format`
json_schema of the request (generated from the schema itself), reports token usage, and on
demand misbehaves: `fake.queue("429", "ok")` scripts the next replies; when the script is empty,
`fake.by_schema[name]` answers requests of that response schema and `fake.default` the rest.
Behaviours: ok, 429, any other HTTP status ("500", "401"), slow (sleeps `slow_seconds`, past
the client timeout in the timeout tests, then answers), invalid_json, missing_fields, wrong_types.
`fake.calls` records every request.

Feedback prompts (schema names `feedback_triage`, `feedback_digest`) are answered from the
comments in the request: one triage item per comment id (category by keywords in the body),
and a digest whose points cite those ids. `fake.invent_ids = [...]` adds ids the request never
had (to prove the server drops them)."""

import datetime
import json
import threading
import time
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

KOREAN_WORDS = ["장면", "제품", "도시", "아침", "빛", "사람", "이야기"]
# Keywords → triage category (the first match wins; otherwise "other").
CATEGORY_WORDS = [
    ("colour", ("colour", "color", "색", "grading", "톤")),
    ("sound", ("sound", "audio", "music", "소리", "음악", "음향", "볼륨")),
    ("text", ("subtitle", "caption", "typo", "자막", "오타", "텍스트")),
    ("edit", ("cut", "pacing", "편집", "컷", "길이")),
    ("picture", ("focus", "frame", "exposure", "화면", "초점", "노출")),
]


def category_of(body: str) -> str:
    lowered = body.lower()
    for category, words in CATEGORY_WORDS:
        if any(word in lowered for word in words):
            return category
    return "other"


def comments_in(body: dict) -> list[dict]:
    """The comments a feedback prompt carries (in the first user message, as JSON)."""
    for message in body.get("messages", []):
        if message.get("role") != "user":
            continue
        try:
            payload = json.loads(message.get("content") or "")
        except ValueError:
            continue
        if isinstance(payload, dict) and isinstance(payload.get("comments"), list):
            return payload["comments"]
    return []


def instance_for(schema: dict, *, name: str = "", index: int = 0, korean: bool = True):
    """A small value valid against `schema` (the subset our plan schemas use)."""
    kind = schema.get("type")
    if "enum" in schema:
        return schema["enum"][index % len(schema["enum"])]
    if kind == "object":
        return {
            key: instance_for(sub, name=key, index=index, korean=korean)
            for key, sub in schema.get("properties", {}).items()
            if key in schema.get("required", [])
        }
    if kind == "array":
        count = max(schema.get("minItems", 0), 2 if name not in ("props", "tasks") else 1)
        count = min(count, schema.get("maxItems", count))
        return [instance_for(schema["items"], name=name, index=i, korean=korean) for i in range(count)]
    if kind in ("integer", "number"):
        if name in ("number", "shot"):
            return index + 1
        if name == "scene":
            return 1
        return max(schema.get("minimum", 1), 10 + index)
    if kind == "string":
        if schema.get("pattern", "").startswith(r"^\d{4}"):
            return (datetime.date.today() + datetime.timedelta(days=index)).isoformat()
        if "https?" in schema.get("pattern", ""):
            return f"https://example.com/{name}/{index + 1}"
        if name == "image_query":
            return ["city skyline at night", "coffee cup close up", "runner at sunrise"][index % 3]
        word = KOREAN_WORDS[index % len(KOREAN_WORDS)] if korean else "sample"
        return f"{word} {name} {index + 1}"[: schema.get("maxLength", 200)]
    if kind == "boolean":
        return True
    return None


class FakeOpenAI:
    def __init__(self, *, slow_seconds: float = 3.0):
        self.slow_seconds = slow_seconds
        self.default = "ok"
        self.by_schema: dict[str, str] = {}
        self.invent_ids: list[str] = []
        self.calls: list[dict] = []
        self._script: deque[str] = deque()
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    # --- control ---
    def queue(self, *behaviours: str) -> None:
        with self._lock:
            self._script.extend(behaviours)

    def reset(self) -> None:
        with self._lock:
            self._script.clear()
            self.calls.clear()
            self.default = "ok"
            self.by_schema = {}
            self.invent_ids = []

    @property
    def call_count(self) -> int:
        with self._lock:
            return len(self.calls)

    def calls_named(self, schema_name: str) -> list[dict]:
        with self._lock:
            return [
                call
                for call in self.calls
                if ((call["body"].get("response_format") or {}).get("json_schema") or {}).get("name") == schema_name
            ]

    def _next(self, body: dict) -> str:
        with self._lock:
            schema = ((body.get("response_format") or {}).get("json_schema") or {}).get("name")
            behaviour = self._script.popleft() if self._script else self.by_schema.get(schema, self.default)
            self.calls.append({"body": body, "behaviour": behaviour})
            return behaviour

    # --- server ---
    @property
    def base_url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self, port: int = 0) -> "FakeOpenAI":
        """Serve on 127.0.0.1:`port` (a free one by default; scripts/stack.sh fixes it)."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"{}")
                except ValueError:
                    return self._send(400, {"error": {"message": "bad json", "type": "invalid_request_error"}})
                if self.path.rstrip("/") != "/v1/chat/completions":
                    return self._send(404, {"error": {"message": "not found", "type": "invalid_request_error"}})
                if not self.headers.get("Authorization", "").startswith("Bearer "):
                    return self._send(401, {"error": {"message": "no key", "type": "authentication_error"}})
                fake.respond(self, body, fake._next(body))

            def _send(self, status: int, payload: dict, headers: dict | None = None):
                raw = json.dumps(payload, ensure_ascii=False).encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(raw)))
                    for key, value in (headers or {}).items():
                        self.send_header(key, value)
                    self.end_headers()
                    self.wfile.write(raw)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (timeout test)

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    # --- answers ---
    def content_for(self, body: dict, behaviour: str) -> str:
        response_format = body.get("response_format") or {}
        schema = (response_format.get("json_schema") or {}).get("schema") or {"type": "object", "properties": {}}
        korean = "Korean" in json.dumps(body.get("messages", [])[:1], ensure_ascii=False)
        name = (response_format.get("json_schema") or {}).get("name")
        if name == "feedback_triage":
            data = self.triage_answer(body)
        elif name == "feedback_digest":
            data = self.digest_answer(body, korean=korean)
        else:
            data = instance_for(schema, korean=korean)
        if behaviour == "invalid_json":
            return "Sure! Here is your plan: {not json"
        if behaviour == "missing_fields":
            return json.dumps({})
        if behaviour == "wrong_types":
            return json.dumps({key: 12345 for key in data})
        return json.dumps(data, ensure_ascii=False)

    def triage_answer(self, body: dict) -> dict:
        items = [
            {
                "id": comment["id"],
                "category": category_of(comment.get("body", "")),
                "priority": "urgent" if comment.get("marked_urgent") else ["medium", "low"][index % 2],
                "actionable": index % 3 != 2,
            }
            for index, comment in enumerate(comments_in(body))
        ]
        items += [{"id": fake, "category": "other", "priority": "low", "actionable": False} for fake in self.invent_ids]
        return {"items": items}

    def digest_answer(self, body: dict, *, korean: bool) -> dict:
        by_category: dict[str, list[str]] = {}
        for comment in comments_in(body):
            by_category.setdefault(category_of(comment.get("body", "")), []).append(comment["id"])
        groups = [
            {
                "category": category,
                "points": [
                    {
                        "text": ("수정 요청 " if korean else "Requested change ") + f"{category} {index + 1}",
                        "feedback_ids": [feedback_id, *self.invent_ids],
                    }
                    for index, feedback_id in enumerate(ids)
                ],
            }
            for category, ids in by_category.items()
        ]
        if self.invent_ids:  # a point that cites nothing real at all
            invented = {"text": "invented", "feedback_ids": list(self.invent_ids)}
            groups.append({"category": "other", "points": [invented]})
        overview = "이번 라운드 피드백 요약" if korean else "Summary of this review round"
        return {"overview": overview, "groups": groups}

    def respond(self, handler, body: dict, behaviour: str) -> None:
        if behaviour == "429":
            return handler._send(
                429, {"error": {"message": "Rate limit reached", "type": "rate_limit_error"}}, {"retry-after": "0"}
            )
        if behaviour.isdigit():  # any other status: 500, 503, 400, 401…
            return handler._send(int(behaviour), {"error": {"message": f"Error {behaviour}", "type": "server_error"}})
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
        content = self.content_for(body, behaviour)
        prompt_tokens = len(json.dumps(body.get("messages", []), ensure_ascii=False)) // 4
        completion_tokens = max(1, len(content) // 4)
        handler._send(
            200,
            {
                "id": f"chatcmpl-{len(self.calls)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", "fake"),
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": "stop",
                        "message": {"role": "assistant", "content": content, "refusal": None},
                    }
                ],
                "usage": {
                    "prompt_tokens": prompt_tokens,
                    "completion_tokens": completion_tokens,
                    "total_tokens": prompt_tokens + completion_tokens,
                },
            },
        )
