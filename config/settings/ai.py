"""AI planning (an OpenAI-compatible endpoint) and storyboard reference image search."""

import json

from ._env import env, env_list, env_str

# --- AI planning (an OpenAI-compatible endpoint; off without a key) ---
OPENAI_API_KEY = env("OPENAI_API_KEY", default="")
OPENAI_BASE_URL = env_str("OPENAI_BASE_URL", None)
OPENAI_MODEL = env_str("OPENAI_MODEL", "gpt-4o-mini")
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=60.0)
AI_MAX_RETRIES = env.int("AI_MAX_RETRIES", default=3)  # per call, on 429/5xx/timeouts/connection errors
AI_RETRY_BASE_SECONDS = env.float("AI_RETRY_BASE_SECONDS", default=1.0)
AI_RETRY_MAX_SECONDS = env.float("AI_RETRY_MAX_SECONDS", default=30.0)
AI_JOB_MAX_ATTEMPTS = env.int("AI_JOB_MAX_ATTEMPTS", default=3)  # whole-job attempts before needs_attention
AI_JOB_RETRY_BASE_SECONDS = env.float("AI_JOB_RETRY_BASE_SECONDS", default=30.0)
AI_JOB_LEASE_SECONDS = env.int("AI_JOB_LEASE_SECONDS", default=900)  # < CELERY visibility_timeout
AI_CACHE_TTL_SECONDS = env.int("AI_CACHE_TTL_SECONDS", default=7 * 24 * 3600)
# USD per million tokens: {"model": [input, output]}; AI_PRICES (JSON) adds or overrides.
AI_PRICES = {
    "gpt-4o-mini": [0.15, 0.60],
    "gpt-4o": [2.50, 10.00],
    "gpt-4.1-mini": [0.40, 1.60],
    "gpt-4.1": [2.00, 8.00],
    **json.loads(env_str("AI_PRICES", "{}")),
}
AI_DEFAULT_PRICE = [float(v) for v in env_list("AI_DEFAULT_PRICE", ["1.0", "4.0"])]
AI_DEFAULT_MONTHLY_BUDGET_USD = env.float("AI_DEFAULT_MONTHLY_BUDGET_USD", default=20.0)
AI_DEFAULT_APPROVAL_THRESHOLD_USD = env.float("AI_DEFAULT_APPROVAL_THRESHOLD_USD", default=0.50)

# --- storyboard reference images: the first provider whose key is set ---
GOOGLE_CSE_KEY = env("GOOGLE_CSE_KEY", default="")
GOOGLE_CSE_CX = env("GOOGLE_CSE_CX", default="")
PEXELS_API_KEY = env("PEXELS_API_KEY", default="")
UNSPLASH_ACCESS_KEY = env("UNSPLASH_ACCESS_KEY", default="")
GOOGLE_CSE_URL = env_str("GOOGLE_CSE_URL", "https://www.googleapis.com/customsearch/v1")
PEXELS_URL = env_str("PEXELS_URL", "https://api.pexels.com/v1/search")
UNSPLASH_URL = env_str("UNSPLASH_URL", "https://api.unsplash.com/search/photos")
IMAGE_SEARCH_TIMEOUT_SECONDS = env.float("IMAGE_SEARCH_TIMEOUT_SECONDS", default=10.0)
IMAGE_SEARCH_MAX_RETRIES = env.int("IMAGE_SEARCH_MAX_RETRIES", default=2)
