#!/usr/bin/env bash
# Build localhost/localbase:bookworm (Debian bookworm minbase) with debootstrap, for machines
# with no container registry (CI here). Skipped when the image already exists.
# Needs root, debootstrap and podman; the mirror and suites are the host's own apt sources.
set -euo pipefail
IMAGE="${BASE_IMAGE_TAG:-localhost/localbase:bookworm}"
if podman image exists "$IMAGE"; then
  echo "base image $IMAGE: present, reused"
  exit 0
fi
mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
mirror=${mirror:-$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)}
[[ -n "$mirror" ]] || { echo "no Debian mirror found in /etc/apt/sources.list(.d)" >&2; exit 1; }
rootfs=$(mktemp -d /var/tmp/localbase.XXXXXX)
trap 'rm -rf "$rootfs"' EXIT
start=$SECONDS
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >/dev/null
rm -f "$rootfs"/var/cache/apt/archives/*.deb
# The same suites as debian:bookworm-slim (bookworm, -updates, -security), so pinned package
# versions resolve alike on both bases.
if [[ -f /etc/apt/sources.list.d/debian.sources ]]; then
  rm -f "$rootfs/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$rootfs/etc/apt/sources.list.d/debian.sources"
fi
tar -C "$rootfs" -c . | podman import - "$IMAGE" >/dev/null
echo "base image $IMAGE: built from $mirror in $((SECONDS - start))s"
