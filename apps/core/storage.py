"""The S3 storage class every S3-backed entry of settings.STORAGES uses."""

import threading

from storages.backends import s3


class S3Storage(s3.S3Storage):
    """django-storages' S3 storage with one boto3 connection per storage instead of one per
    thread. Daphne runs each synchronous request in a new thread, so the per-thread connection
    meant a new boto3 session for every request that touched S3 (a presigned `file_url` in a
    listing is enough): ~12 MB of botocore's endpoint and service JSON parsed again and ~0.1 s
    of CPU, then dropped, fragmenting the process's memory. The connection's client is
    thread-safe (boto3 documents clients as such), and django-storages already shares its
    `bucket` resource across threads."""

    _connect_lock = threading.Lock()

    def __init__(self, **settings):
        super().__init__(**settings)
        self._shared = {}

    @property
    def connection(self):
        return self._share("signed", lambda: s3.S3Storage.connection.fget(self))

    @property
    def unsigned_connection(self):
        return self._share("unsigned", lambda: s3.S3Storage.unsigned_connection.fget(self))

    def _share(self, kind: str, create):
        with self._connect_lock:
            if kind not in self._shared:
                self._shared[kind] = create()
            return self._shared[kind]

    def __getstate__(self):
        state = super().__getstate__()
        state.pop("_shared", None)
        return state

    def __setstate__(self, state):
        super().__setstate__(state)
        self._shared = {}
