#!/usr/bin/env python3
"""A stand-in for kubectl talking to a cluster, for tests/deploy/test_deploy_script.py (no
cluster can run here). `kubectl kustomize` is the real one; `apply -f FILE -l SELECTOR`
selects the objects of FILE with the selector as the API server would and records them;
everything else is recorded and answered from FAKE_* variables:
FAKE_LOG (the record, one JSON line per call), FAKE_MIGRATION (Complete | Failed),
FAKE_ROLLOUT_FAIL (a Deployment whose rollout never finishes), FAKE_UNCHANGED (Deployments
whose template the release does not change), FAKE_NO_SECRET. The cluster starts with every
Deployment of the overlay at revision 1 (the previous release); applying a changed one
raises its revision."""

import json
import os
import subprocess
import sys
from pathlib import Path

import yaml

REAL_KUBECTL = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "kubectl"
STATE = Path(os.environ["FAKE_LOG"]).with_suffix(".revisions.json")


def selected(labels: dict, selector: str) -> bool:
    for term in selector.split(","):
        if term.startswith("!"):
            ok = term[1:] not in labels
        elif "!=" in term:
            key, value = term.split("!=")
            ok = labels.get(key) != value
        elif "=" in term:
            key, value = term.split("=")
            ok = labels.get(key) == value
        else:
            ok = term in labels
        if not ok:
            return False
    return True


def revisions_now() -> dict[str, int]:
    return json.loads(STATE.read_text()) if STATE.exists() else {}


def main(args: list[str]) -> int:
    if args[0] == "kustomize":
        return subprocess.run([REAL_KUBECTL, *args]).returncode
    args = args[2:] if args[0] == "--namespace" else args
    record = {"call": args}
    verb = args[0]
    if verb == "apply":
        docs = [d for d in yaml.safe_load_all(Path(args[args.index("-f") + 1]).read_text()) if d]
        selector = args[args.index("-l") + 1]
        chosen = [d for d in docs if selected(d["metadata"].get("labels", {}), selector)]
        record["applied"] = [f"{d['kind']}/{d['metadata']['name']}" for d in chosen]
        revisions = revisions_now() or {d["metadata"]["name"]: 1 for d in docs if d["kind"] == "Deployment"}
        unchanged = os.environ.get("FAKE_UNCHANGED", "").split(",")
        for d in chosen:
            if d["kind"] == "Deployment" and d["metadata"]["name"] not in unchanged:
                revisions[d["metadata"]["name"]] += 1
        STATE.write_text(json.dumps(revisions))
    with open(os.environ["FAKE_LOG"], "a") as log:
        log.write(json.dumps(record) + "\n")
    if args[:3] == ["get", "secret", "vp-secrets"]:
        return 1 if os.environ.get("FAKE_NO_SECRET") else 0
    if args[:3] == ["get", "job", "vp-migrate"]:
        print(os.environ.get("FAKE_MIGRATION", "Complete") + " ", end="")
    if args[:2] == ["get", "deployments"]:
        revisions = revisions_now()
        if args[-1] == "name":
            print("\n".join(f"deployment.apps/{name}" for name in revisions))
        else:  # the jsonpath of name=revision lines
            print("".join(f"{name}={revision}\n" for name, revision in revisions.items()), end="")
    if args[:2] == ["rollout", "status"] and args[2] == f"deployment.apps/{os.environ.get('FAKE_ROLLOUT_FAIL')}":
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
