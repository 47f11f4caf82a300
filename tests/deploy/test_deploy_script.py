"""deploy/k8s/deploy.sh, the script the pipeline deploys with, against a recording stand-in
for the cluster (tests/deploy/fake_kubectl.py; the rendering is the real kubectl's): what it
applies in which order, and what it does when the migration or a rollout fails."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

SCRIPT = settings.BASE_DIR / "deploy" / "k8s" / "deploy.sh"
FAKE = settings.BASE_DIR / "tests" / "deploy" / "fake_kubectl.py"
DEPLOYMENTS = {"vp-web", "vp-worker-fast", "vp-worker-media", "vp-worker-ai", "vp-beat", "vp-frontend"}


@pytest.fixture
def deploy(tmp_path):
    kubectl = tmp_path / "kubectl"
    kubectl.write_text(f'#!/bin/sh\nexec {sys.executable} {FAKE} "$@"\n')
    kubectl.chmod(0o755)

    def run(action: str, overlay: str = "staging", **fake) -> tuple[int, list[dict]]:
        log = tmp_path / "calls.log"
        log.unlink(missing_ok=True)
        env = dict(os.environ, KUBECTL=str(kubectl), FAKE_LOG=str(log), REVISIONS_FILE=str(tmp_path / "rev"), **fake)
        done = subprocess.run(["bash", SCRIPT, action, overlay], env=env, capture_output=True, text=True, timeout=60)
        calls = [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []
        return done.returncode, calls

    return run


def applies(calls: list[dict]) -> list[list[str]]:
    return [call["applied"] for call in calls if "applied" in call]


def kinds(objects: list[str]) -> set[str]:
    return {obj.split("/")[0] for obj in objects}


def rollouts(calls: list[dict], verb: str) -> set[str]:
    return {c["call"][2].split("/")[-1] for c in calls if c["call"][:2] == ["rollout", verb]}


def undone_to(calls: list[dict]) -> dict[str, str]:
    return {
        c["call"][2].split("/")[-1]: c["call"][3].removeprefix("--to-revision=")
        for c in calls
        if c["call"][:2] == ["rollout", "undo"]
    }


def test_shared_objects_then_the_migration_alone_then_the_workloads(deploy):
    code, calls = deploy("apply")
    assert code == 0
    shared, migration, workloads = applies(calls)
    assert kinds(shared) == {
        "ConfigMap",
        "ServiceAccount",
        "NetworkPolicy",
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
    }
    assert migration == ["Job/vp-migrate"]
    assert kinds(workloads) == {"Deployment", "Service"}
    order = [c["call"][:2] for c in calls]
    assert order.index(["delete", "job"]) < order.index(["get", "job"])  # the old run goes first
    assert rollouts(calls, "status") == DEPLOYMENTS and not rollouts(calls, "undo")


def test_a_failed_migration_stops_the_deploy_before_any_workload_changes(deploy):
    code, calls = deploy("apply", FAKE_MIGRATION="Failed")
    assert code == 1
    assert [kinds(objects) for objects in applies(calls)][-1] == {"Job"}
    assert not rollouts(calls, "status") and not rollouts(calls, "undo")


def test_a_rollout_that_never_gets_ready_rolls_back_what_the_release_changed(deploy):
    code, calls = deploy("apply", "production", FAKE_ROLLOUT_FAIL="vp-web", FAKE_UNCHANGED="vp-beat")
    assert code == 1
    # To the revision each had before; beat, unchanged, stays where it is.
    assert undone_to(calls) == dict.fromkeys(DEPLOYMENTS - {"vp-beat"}, "1")


def test_undo_after_a_failed_smoke_test_restores_the_release_before(deploy):
    assert deploy("apply", FAKE_UNCHANGED="vp-frontend")[0] == 0
    code, calls = deploy("undo", FAKE_UNCHANGED="vp-frontend")
    assert code == 0
    assert undone_to(calls) == dict.fromkeys(DEPLOYMENTS - {"vp-frontend"}, "1")


def test_nothing_is_applied_without_the_operators_secret(deploy):
    code, calls = deploy("apply", FAKE_NO_SECRET="1")
    assert code == 1 and applies(calls) == []
