"""What the Kubernetes overlays (deploy/k8s) must hold, read from what `kubectl kustomize`
renders for each environment: the promises docs/deploy.md makes to operators. Schema
validity is checked by the deploy tier (scripts/check_deploy.sh); these are the rules a
schema cannot see."""

import re
import subprocess
from functools import cache

import pytest
import yaml
from django.conf import settings

ROOT = settings.BASE_DIR
KUBECTL = ROOT / ".venv" / "bin" / "kubectl"
OVERLAYS = sorted(path.name for path in (ROOT / "deploy" / "k8s" / "overlays").iterdir())
BACKEND = "videoplanet-backend"
# Variables of .env.example that are secrets: they may only come from the Secret.
SECRET_KEYS = {
    "DJANGO_SECRET_KEY",
    "JWT_SIGNING_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "CHANNEL_REDIS_URLS",
    "CHANNEL_REDIS_PASSWORD",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "EMAIL_HOST_PASSWORD",
    "SENDGRID_API_KEY",
    "SENTRY_DSN",
    "OPENAI_API_KEY",
    "GOOGLE_CSE_KEY",
    "PEXELS_API_KEY",
    "UNSPLASH_ACCESS_KEY",
    "METRICS_TOKEN",
}


@cache
def rendered(overlay: str) -> dict[tuple[str, str], dict]:
    text = subprocess.run(
        [KUBECTL, "kustomize", ROOT / "deploy" / "k8s" / "overlays" / overlay],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in yaml.safe_load_all(text) if doc}


def of_kind(overlay: str, kind: str) -> dict[str, dict]:
    return {name: doc for (k, name), doc in rendered(overlay).items() if k == kind}


def pod_spec(workload: dict) -> dict:
    return workload["spec"]["template"]["spec"]


def containers(workload: dict) -> list[dict]:
    spec = pod_spec(workload)
    return spec.get("initContainers", []) + spec["containers"]


def hpa_for(overlay: str, deployment: str) -> dict | None:
    return next(
        (
            hpa
            for hpa in of_kind(overlay, "HorizontalPodAutoscaler").values()
            if hpa["spec"]["scaleTargetRef"]["name"] == deployment
        ),
        None,
    )


def backend_workloads(overlay: str) -> dict[str, dict]:
    workloads = {**of_kind(overlay, "Deployment"), **of_kind(overlay, "Job")}
    return {name: w for name, w in workloads.items() if w["metadata"]["labels"]["app.kubernetes.io/name"] == BACKEND}


def worker_queues(overlay: str) -> dict[str, list[str]]:
    """Each worker Deployment → the queues its `worker <queues>` argument names, in order."""
    found = {}
    for name, deployment in of_kind(overlay, "Deployment").items():
        args = pod_spec(deployment)["containers"][0].get("args", [])
        if args[:1] == ["worker"]:
            found[name] = args[1].split(",")
    return found


@pytest.fixture(params=OVERLAYS)
def overlay(request):
    return request.param


def test_both_environments_exist_with_their_own_namespace_and_host():
    assert OVERLAYS == ["production", "staging"]
    namespaces = {o: {doc["metadata"].get("namespace") for doc in rendered(o).values()} for o in OVERLAYS}
    hosts = {o: of_kind(o, "Ingress")["videoplanet"]["spec"]["rules"][0]["host"] for o in OVERLAYS}
    assert namespaces == {"production": {"videoplanet"}, "staging": {"videoplanet-staging"}}
    assert hosts["staging"] != hosts["production"] and hosts["staging"].startswith("staging.")


def test_web_runs_at_least_two_pods_and_the_autoscaler_owns_the_count(overlay):
    web = of_kind(overlay, "Deployment")["vp-web"]
    hpa = hpa_for(overlay, "vp-web")
    assert hpa["spec"]["minReplicas"] >= 2 and hpa["spec"]["maxReplicas"] > hpa["spec"]["minReplicas"]
    assert "replicas" not in web["spec"]  # an apply would reset the HPA's count
    assert web["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    assert of_kind(overlay, "PodDisruptionBudget")["vp-web"]["spec"]["minAvailable"] >= 1


def test_web_probes_and_a_shutdown_long_enough_for_sockets_to_move(overlay):
    spec = pod_spec(of_kind(overlay, "Deployment")["vp-web"])
    web = spec["containers"][0]
    assert web["readinessProbe"]["httpGet"]["path"] == "/readyz"
    assert web["livenessProbe"]["httpGet"]["path"] == "/healthz"
    pre_stop = web["lifecycle"]["preStop"]["exec"]["command"]
    assert pre_stop[0] == "sleep" and int(pre_stop[1]) >= 5
    grace = float(next(e["value"] for e in web["env"] if e["name"] == "WEB_SHUTDOWN_GRACE_SECONDS"))
    assert spec["terminationGracePeriodSeconds"] >= int(pre_stop[1]) + grace + 5
    # Kubelet probes and Prometheus address the pod by IP: Django must admit it.
    hosts = next(e["value"] for e in web["env"] if e["name"] == "DJANGO_ALLOWED_HOSTS")
    assert "$(POD_IP)" in hosts and "$(DJANGO_ALLOWED_HOSTS)" in hosts


def test_exactly_one_beat_that_never_overlaps_itself(overlay):
    beat = of_kind(overlay, "Deployment")["vp-beat"]
    assert beat["spec"]["replicas"] == 1
    assert beat["spec"]["strategy"] == {"type": "Recreate"}
    assert hpa_for(overlay, "vp-beat") is None
    assert pod_spec(beat)["containers"][0]["args"] == ["beat"]


def test_a_worker_deployment_per_queue_group_consuming_exactly_the_settings_queues(overlay):
    groups = worker_queues(overlay)
    served = [queue for queues in groups.values() for queue in queues]
    assert set(served) == set(settings.CELERY_QUEUE_NAMES)
    # The fast group (alerts, urgent triage) is deployed as settings define it.
    assert groups["vp-worker-fast"] == list(settings.CELERY_WORKER_QUEUES["fast"])
    # The bulk group is split so media and AI scale apart; together they serve all of it.
    bulk = {q for name in ("vp-worker-media", "vp-worker-ai") for q in groups[name]}
    assert bulk == set(settings.CELERY_WORKER_QUEUES["bulk"])
    for name, queues in groups.items():
        assert len(queues) == len(set(queues))
        if "ai" in queues:
            assert queues.index("ai-urgent") < queues.index("ai"), name
        assert hpa_for(overlay, name) is not None, name
        assert name in of_kind(overlay, "PodDisruptionBudget"), name


def test_every_container_runs_unprivileged_read_only_and_sized(overlay):
    workloads = {**of_kind(overlay, "Deployment"), **of_kind(overlay, "Job")}
    assert len(workloads) == 7  # web, 3 workers, beat, frontend, migrate
    for name, workload in workloads.items():
        spec = pod_spec(workload)
        assert spec["securityContext"]["runAsNonRoot"] is True, name
        assert spec["securityContext"]["runAsUser"] != 0, name
        assert spec["securityContext"]["seccompProfile"] == {"type": "RuntimeDefault"}, name
        assert spec["automountServiceAccountToken"] is False, name
        mounts = {volume["name"] for volume in spec["volumes"]}
        for container in containers(workload):
            label = f"{name}/{container['name']}"
            security = container["securityContext"]
            assert security["allowPrivilegeEscalation"] is False, label
            assert security["readOnlyRootFilesystem"] is True, label
            assert security["capabilities"] == {"drop": ["ALL"]}, label
            assert {"cpu", "memory"} <= set(container["resources"]["requests"]), label
            assert "memory" in container["resources"]["limits"], label
            # Writable scratch space only where mounted (emptyDir): /tmp at least.
            assert "/tmp" in {m["mountPath"] for m in container["volumeMounts"]}, label
            assert {m["name"] for m in container["volumeMounts"]} <= mounts, label


def test_no_secret_value_is_in_the_repository(overlay):
    assert not of_kind(overlay, "Secret")
    config = next(iter(of_kind(overlay, "ConfigMap").values()))["data"]
    assert not set(config) & SECRET_KEYS
    for name, workload in backend_workloads(overlay).items():
        for container in containers(workload):
            refs = [source.get("secretRef", {}).get("name") for source in container.get("envFrom", [])]
            assert "vp-secrets" in refs, f"{name}/{container['name']}"
            for variable in container.get("env", []):
                assert variable["name"] not in SECRET_KEYS, variable
    text = (ROOT / "deploy" / "k8s").rglob("*")
    for path in text:
        if path.is_file():
            assert not re.search(r"(SECRET|PASSWORD|TOKEN|_KEY)[A-Z_]*\s*[=:]\s*\S", path.read_text()), path


def test_configmap_keys_are_documented_variables(overlay):
    documented = set(re.findall(r"^([A-Z][A-Z0-9_]*)=", (ROOT / ".env.example").read_text(), re.M))
    config = next(iter(of_kind(overlay, "ConfigMap").values()))["data"]
    assert set(config) <= documented, set(config) - documented
    # The pods' filesystem is read-only: uploads must go to S3, and the pages must admit it.
    assert config["AWS_STORAGE_BUCKET_NAME"] in config["CSP_MEDIA_ORIGINS"]
    assert config["DJANGO_SETTINGS_MODULE"] == "config.settings.prod"


def test_migrations_run_before_any_new_backend_pod(overlay):
    job = of_kind(overlay, "Job")["vp-migrate"]
    assert job["metadata"]["labels"]["app.kubernetes.io/component"] == "migrate"
    assert pod_spec(job)["containers"][0]["args"] == ["migrate"]
    assert pod_spec(job)["restartPolicy"] == "Never"
    # Guard 2: every other backend pod waits for `migrate --check` before it starts.
    for name, workload in backend_workloads(overlay).items():
        if name == "vp-migrate":
            continue
        init = pod_spec(workload)["initContainers"]
        assert any("manage.py migrate --check" in " ".join(c["args"]) for c in init), name
    # Guard 1, deploy/k8s/deploy.sh's phases by label: shared objects (no name label) first,
    # so the Job finds its ConfigMap; then the Job; then the workloads.
    for (kind, name), doc in rendered(overlay).items():
        labelled = "app.kubernetes.io/name" in doc["metadata"].get("labels", {})
        assert labelled == (kind in {"Deployment", "Job", "Service"}), (kind, name)
    script = (ROOT / "deploy" / "k8s" / "deploy.sh").read_text()
    script = script[script.index("  apply)") :]
    phases = [
        script.index("-l '!app.kubernetes.io/name'"),
        script.index('migrate "$rendered"'),
        script.index("-l 'app.kubernetes.io/name,app.kubernetes.io/component!=migrate'"),
        script.index('rollout status "$d"'),
    ]
    assert phases == sorted(phases)


def test_ingress_routes_the_api_and_sockets_to_web_with_long_timeouts(overlay):
    ingress = of_kind(overlay, "Ingress")["videoplanet"]
    annotations = ingress["metadata"]["annotations"]
    for timeout in ("proxy-read-timeout", "proxy-send-timeout"):
        assert int(annotations[f"nginx.ingress.kubernetes.io/{timeout}"]) >= 3600
    routes = {p["path"]: p["backend"]["service"]["name"] for p in ingress["spec"]["rules"][0]["http"]["paths"]}
    assert routes["/api"] == routes["/ws"] == routes["/static"] == "vp-web"
    assert routes["/"] == "vp-frontend"
    assert "/metrics" not in routes


def test_network_policies_deny_by_default_and_open_only_the_needed_flows(overlay):
    policies = of_kind(overlay, "NetworkPolicy")
    deny = policies["vp-default-deny"]["spec"]
    assert deny["podSelector"] == {} and set(deny["policyTypes"]) == {"Ingress", "Egress"}
    assert {"protocol": "UDP", "port": 53} in policies["vp-allow-dns"]["spec"]["egress"][0]["ports"]
    web_from = [
        rule["from"][0]["namespaceSelector"]["matchLabels"] for rule in policies["vp-web-ingress"]["spec"]["ingress"]
    ]
    assert {"kubernetes.io/metadata.name": "ingress-nginx"} in web_from
    assert {"kubernetes.io/metadata.name": "monitoring"} in web_from  # Prometheus
    egress_ports = {p["port"] for p in policies["vp-backend-egress"]["spec"]["egress"][0]["ports"]}
    assert {5432, 6379, 443} <= egress_ports


def test_web_pods_are_scraped_for_metrics(overlay):
    annotations = of_kind(overlay, "Deployment")["vp-web"]["spec"]["template"]["metadata"]["annotations"]
    assert annotations["prometheus.io/scrape"] == "true"
    assert annotations["prometheus.io/path"] == "/metrics"
    assert annotations["prometheus.io/port"] == "8000"


def test_worker_pods_serve_their_own_metrics_to_prometheus(overlay):
    """Web and worker pods do not share PROMETHEUS_MULTIPROC_DIR: each worker pod is scraped itself."""
    policy = of_kind(overlay, "NetworkPolicy")["vp-worker-metrics-ingress"]["spec"]
    workers = {name: d for name, d in of_kind(overlay, "Deployment").items() if name.startswith("vp-worker-")}
    assert workers
    for deployment in workers.values():
        template = deployment["spec"]["template"]
        annotations = template["metadata"]["annotations"]
        assert annotations["prometheus.io/scrape"] == "true" and annotations["prometheus.io/path"] == "/metrics"
        (container,) = template["spec"]["containers"]
        env = {e["name"]: e.get("value") for e in container.get("env", [])}
        ports = {p["name"]: p["containerPort"] for p in container["ports"]}
        assert str(ports["metrics"]) == env["WORKER_METRICS_PORT"] == annotations["prometheus.io/port"]
        assert {"name": "tmp", "mountPath": "/tmp"} in container["volumeMounts"]  # PROMETHEUS_MULTIPROC_DIR
        component = template["metadata"]["labels"]["app.kubernetes.io/component"]
        assert component in policy["podSelector"]["matchExpressions"][0]["values"]
        assert {"protocol": "TCP", "port": ports["metrics"]} in policy["ingress"][0]["ports"]
    assert policy["ingress"][0]["from"] == [
        {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}}
    ]


def test_images_come_from_the_registry_and_the_pipeline_sets_their_tags(overlay):
    images = {
        c["image"]
        for w in {**of_kind(overlay, "Deployment"), **of_kind(overlay, "Job")}.values()
        for c in containers(w)
    }
    assert {image.rsplit(":", 1)[0] for image in images} == {
        "ghcr.io/videoplanet/videoplanet-backend",
        "ghcr.io/videoplanet/videoplanet-frontend",
    }
    workflow = (ROOT / ".github" / "workflows" / "deploy.yml").read_text()
    assert f"working-directory: deploy/k8s/overlays/{overlay}" in workflow
    assert f"deploy/k8s/deploy.sh apply {overlay}" in workflow
    # Undo only after a completed rollout (deploy.sh undoes a failed one itself; twice restores it).
    assert workflow.count("if: failure() && steps.apply.outcome == 'success'") == 2
