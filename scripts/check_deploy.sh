#!/usr/bin/env bash
# The deploy tier of `make test`: offline checks of what ships under deploy/ and .github/.
#   - every Kubernetes overlay renders (`kubectl kustomize`) and passes
#     `kubernetes-validate --strict` against Kubernetes 1.30 (a wrong type or unknown field fails);
#   - the Dockerfiles pass hadolint;
#   - the GitHub Actions workflows match their schema (check-jsonschema's vendored copy);
#   - the deploy script parses.
# The invariants of the rendered manifests (probes, one beat, queues, no secrets…) are
# tested by tests/deploy/ in the backend tier.
set -uo pipefail
cd "$(dirname "$0")/.."
bin=.venv/bin
K8S_VERSION=${K8S_VERSION:-1.30.0}
failed=0
check() {  # check LABEL CMD...
  local label=$1
  shift
  if "$@"; then echo "  ok      $label"; else echo "  FAILED  $label"; failed=1; fi
}
render_and_validate() {
  "$bin/kubectl" kustomize "$1" | "$bin/kubernetes-validate" --strict --quiet -k "$K8S_VERSION" -
}

for overlay in deploy/k8s/overlays/*/; do
  check "$overlay" render_and_validate "$overlay"
done
for dockerfile in deploy/*Dockerfile*; do
  [[ -e $dockerfile ]] && check "$dockerfile" "$bin/hadolint" "$dockerfile"
done
workflows=(.github/workflows/*.yml)
if [[ -e ${workflows[0]} ]]; then
  check ".github/workflows (${#workflows[@]} files)" \
    "$bin/check-jsonschema" --builtin-schema vendor.github-workflows "${workflows[@]}"
else
  echo "  FAILED  no workflows in .github/workflows"; failed=1
fi
check deploy/k8s/deploy.sh bash -n deploy/k8s/deploy.sh
exit $failed
