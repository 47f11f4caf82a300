"""Local development (`make run`): debug on, console email, permissive local origins."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
