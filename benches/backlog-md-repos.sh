#!/usr/bin/env bash
# pmpo over real Backlog.md repositories, with no pmpo.yaml: what it reports about
# repositories it has never seen (docs/backlog-md.md records a run). Not part of .ci/run:
# it needs the repositories, and --clone needs the network.
#
#   benches/backlog-md-repos.sh [--pmpo BIN] [--clone DIR] [REPO_DIR...]
#
# --clone DIR   clone (shallow) the six repositories of issue 17 into DIR and run on them
# --pmpo BIN    the binary to run (default: target/release/pmpo, built if missing)
#
# For each repository it prints one row: the task files in Backlog.md's task folders,
# the documents pmpo read, errors and warnings, the findings by rule, and how many
# findings name a file outside the task folders (0 is right: pmpo must leave config.yml,
# docs/, decisions/, milestones/ and other YAML alone). Then it copies the repository,
# runs `pmpo init --from-backlog-md`, names a person in each charter and checks again:
# the errors left are the ones about the tasks themselves. The repositories are never
# written to.
set -euo pipefail
cd "$(dirname "$0")/.."

pmpo=""
clone=""
repos=()
while [ $# -gt 0 ]; do
  case "$1" in
    --pmpo) pmpo="$2"; shift 2 ;;
    --clone) clone="$2"; shift 2 ;;
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
    *) repos+=("$1"); shift ;;
  esac
done
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 2; }

if [ -n "$clone" ]; then
  mkdir -p "$clone"
  for r in MrLesk/Backlog.md CRJFisher/ariadne ANUcybernetics/panic ANUcybernetics/panic-tda \
           DanielRamosAcosta/nas Callumk7/game_master_core; do
    dir="$clone/${r#*/}"
    [ -d "$dir" ] || git clone --quiet --depth 1 "https://github.com/$r.git" "$dir"
    repos+=("$dir")
  done
fi
[ ${#repos[@]} -gt 0 ] || { echo "no repository given (REPO_DIR... or --clone DIR)" >&2; exit 2; }

if [ -z "$pmpo" ]; then
  pmpo=target/release/pmpo
  [ -x "$pmpo" ] || cargo build --release --quiet
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

echo "| repository | task files | documents | errors | warnings | findings by rule | outside the task folders | after \`init --from-backlog-md\` |"
echo "|---|---:|---:|---:|---:|---|---:|---|"
for repo in "${repos[@]}"; do
  name="$(basename "$repo")"
  [ -f "$repo/pmpo.yaml" ] && echo "note: $name has a pmpo.yaml; it is used" >&2
  tasks=$( { find "$repo/backlog/tasks" "$repo/backlog/completed" "$repo/backlog/drafts" \
              "$repo/backlog/archive/tasks" -name '*.md' ! -iname readme.md ! -iname index.md 2>/dev/null || true; } | wc -l)
  report="$scratch/$name.json"
  set +e
  "$pmpo" check "$repo" --format json >"$report"
  set -e
  by_rule=$(jq -r '[.findings[].rule] | group_by(.) | map("\(.[0]) \(length)") | join(", ")' "$report")
  outside=$(jq '[.findings[] | select(.file != null)
                 | select(.file | test("^backlog/(tasks|completed|drafts|archive/tasks)/") | not)] | length' "$report")
  read -r docs errors warnings < <(jq -r '.summary | "\(.documents) \(.errors) \(.warnings)"' "$report")

  # A copy with pmpo's files added and a real name in each charter.
  copy="$scratch/$name"
  mkdir -p "$copy"
  cp -R "$repo/backlog" "$copy/backlog"
  "$pmpo" init "$copy" --from-backlog-md --quiet >/dev/null
  sed -i.bak 's/^holders: \[.*\]/holders: [dana]/' "$copy/roles/product-manager.md"
  sed -i.bak 's/^holders: \[.*\]/holders: [li]/' "$copy/roles/product-owner.md"
  rm -f "$copy"/roles/*.bak
  set +e
  "$pmpo" check "$copy" --format json >"$report.after"
  set -e
  after=$(jq -r '"\(.summary.errors) errors (" + ([.findings[] | select(.severity == "error") | .rule]
                 | group_by(.) | map("\(.[0]) \(length)") | join(", ")) + "), \(.summary.warnings) warnings"' "$report.after")
  echo "| $name | $tasks | $docs | $errors | $warnings | $by_rule | $outside | $after |"
done
