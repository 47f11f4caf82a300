#!/usr/bin/env bash
# Deploy an overlay to the cluster kubectl points at (KUBECONFIG), in the order a release
# needs, or check or roll back what is running. The CI/CD pipeline runs exactly this
# (.github/workflows/deploy.yml); an operator can too.
#
#   deploy/k8s/deploy.sh apply  <staging|production>   shared objects → migration Job → workloads → rollout status
#   deploy/k8s/deploy.sh health <staging|production>   /readyz of every web pod, from inside it
#   deploy/k8s/deploy.sh undo   <staging|production>   `kubectl rollout undo` of what the last apply changed
#
# Order (docs/deploy.md, "Migrations"):
#   1. objects without an app.kubernetes.io/name label: ConfigMap, ServiceAccount,
#      NetworkPolicies, Ingress, HPAs, PDBs (the new ConfigMap must exist before the Job);
#   2. the migration Job (component=migrate) alone, after deleting the previous run (a Job's
#      pod template cannot change); the deploy stops here if it fails, the old release
#      still serving;
#   3. the Deployments and Services (their revisions before are recorded); then every
#      rollout must finish, or each Deployment the release changed goes back to its recorded
#      revision and the script fails.
# Image tags are set in the overlay beforehand (`kustomize edit set image`, the pipeline does).
set -euo pipefail
cd "$(dirname "$0")"

action=${1:?usage: deploy.sh apply|health|undo <overlay>}
overlay=${2:?usage: deploy.sh apply|health|undo <overlay>}
dir=overlays/$overlay
[[ -f $dir/kustomization.yaml ]] || { echo "no overlay at deploy/k8s/$dir" >&2; exit 2; }
ns=$(awk '/^namespace:/ {print $2; exit}' "$dir/kustomization.yaml")
KUBECTL=${KUBECTL:-kubectl}
k() { "$KUBECTL" --namespace "$ns" "$@"; }
TIMEOUT=${ROLLOUT_TIMEOUT:-600s}
MIGRATE_TIMEOUT_SECONDS=${MIGRATE_TIMEOUT_SECONDS:-900}

# Each Deployment's revision before this release, kept for `undo` (a later step may run it).
REVISIONS=${REVISIONS_FILE:-${TMPDIR:-/tmp}/videoplanet-$overlay-revisions}

deployments() { k get deployments -l app.kubernetes.io/part-of=videoplanet -o name; }

revisions() {  # name=revision, one per line
  k get deployments -l app.kubernetes.io/part-of=videoplanet \
    -o jsonpath='{range .items[*]}{.metadata.name}={.metadata.annotations.deployment\.kubernetes\.io/revision}{"\n"}{end}'
}

undo() {
  # Back to the revisions recorded before the release, for the Deployments it changed only
  # (`rollout undo` of an unchanged one would take it one release further back). Without a
  # record (by hand, later): every Deployment one revision back.
  local d name before now
  if [[ -s $REVISIONS ]]; then
    while IFS== read -r name now; do
      before=$(awk -F= -v n="$name" '$1 == n {print $2}' "$REVISIONS")
      if [[ -n $before && $before != "$now" ]]; then
        echo "rolling back deployment/$name to revision $before"
        k rollout undo "deployment/$name" --to-revision="$before" || true
      fi
    done < <(revisions)
  else
    for d in $(deployments); do
      echo "rolling back $d"
      k rollout undo "$d" || true
    done
  fi
  for d in $(deployments); do k rollout status "$d" --timeout="$TIMEOUT" || true; done
}

migrate() {
  k delete job vp-migrate --ignore-not-found --wait=true
  k apply -f "$1" -l app.kubernetes.io/component=migrate
  local deadline=$((SECONDS + MIGRATE_TIMEOUT_SECONDS)) state
  while ((SECONDS < deadline)); do
    state=$(k get job vp-migrate -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
    case " $state " in
      *" Complete "*) echo "migrations applied"; k logs job/vp-migrate --tail=50 || true; return 0 ;;
      *" Failed "*) break ;;
    esac
    sleep 5
  done
  echo "migration Job did not complete (state: ${state:-running}); nothing else was changed" >&2
  k logs job/vp-migrate --tail=200 >&2 || true
  return 1
}

health() {
  local pod failed=0
  for pod in $(k get pods -l app.kubernetes.io/component=web --field-selector=status.phase=Running -o name); do
    # From inside the pod, to its own address (which DJANGO_ALLOWED_HOSTS admits).
    if k exec "$pod" -c web -- python -c "import json, os, urllib.request; r = urllib.request.urlopen('http://' + os.environ['POD_IP'] + ':8000/readyz', timeout=10); print(r.status, json.load(r)['checks'])"; then
      echo "$pod ready"
    else
      echo "$pod NOT ready" >&2
      failed=1
    fi
  done
  return $failed
}

case "$action" in
  apply)
    rendered=$(mktemp)
    trap 'rm -f "$rendered"' EXIT
    "$KUBECTL" kustomize "$dir" >"$rendered"
    k get secret vp-secrets >/dev/null || { echo "create the Secret vp-secrets in $ns first (docs/deploy.md)" >&2; exit 1; }
    k apply -f "$rendered" -l '!app.kubernetes.io/name'
    migrate "$rendered"
    revisions >"$REVISIONS"
    k apply -f "$rendered" -l 'app.kubernetes.io/name,app.kubernetes.io/component!=migrate'
    for d in $(deployments); do
      if ! k rollout status "$d" --timeout="$TIMEOUT"; then
        echo "$d did not become ready: rolling every Deployment back" >&2
        undo
        exit 1
      fi
    done
    echo "deployed $overlay"
    ;;
  health) health ;;
  undo) undo ;;
  *) echo "unknown action $action" >&2; exit 2 ;;
esac
