#!/usr/bin/env bash
# Whether the event reader (src/yaml/event.rs) earns its place next to the flat reader:
# docs/performance.md ("The event reader") records a run. Not part of .ci/run.
#
#   benches/yaml-readers.sh --with BIN --without BIN [--items N] [--out DIR] [--runs N]
#
# --with BIN     pmpo as built from the tree
# --without BIN  pmpo built with the event reader disabled: in src/yaml/mod.rs, `parse`
#                calls `flat::parse(text)` alone, so what the flat reader declines goes
#                straight to the fallback (a local change, never committed)
# --items N      backlog items per workspace (default 5000)
# --runs N       hyperfine runs per binary and workspace (default 5; 0: no wall times)
#
# It generates three workspaces of N items (examples/generate, pmpo's layout) into DIR:
#   flat     as generated: every item's frontmatter is flat, so the flat reader reads it
#   quoted   the same items with their list items quoted (`labels: ["a", "b"]`), which
#            the flat reader declines
#   yaml     the same items as backlog YAML files (`kind: backlog`, 100 items a file,
#            acceptance criteria as block lists): nested plain mappings
# checks that both binaries print the same JSON on each, and prints the instructions of
# `pmpo check --format json` on one thread (valgrind --tool=callgrind, exact and
# repeatable) and, with --runs, the median wall time on all cores (hyperfine; noisy on a
# shared machine).
set -euo pipefail

with="" without="" items=5000 out="" runs=5
while [ $# -gt 0 ]; do
    case "$1" in
        --with) with="$2"; shift 2 ;;
        --without) without="$2"; shift 2 ;;
        --items) items="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        --runs) runs="$2"; shift 2 ;;
        -h|--help) sed -n '2,23p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "yaml-readers.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done
[ -x "$with" ] && [ -x "$without" ] || { echo "yaml-readers.sh: --with and --without must name binaries" >&2; exit 2; }
with="$(realpath "$with")"; without="$(realpath "$without")"
[ -n "$out" ] || out="$(mktemp -d "${TMPDIR:-/tmp}/pmpo-yaml-readers.XXXXXX")"
mkdir -p "$out"; out="$(realpath "$out")"
cd "$(dirname "$0")/.."

cargo run --quiet --release --locked --example generate -- --items "$items" --seed 1 --out "$out/flat" >/dev/null
python3 - "$out/flat" "$out" <<'PY'
import os, re, shutil, sys
src, out = sys.argv[1], sys.argv[2]
def quote_list(m):
    return m.group(1) + '[' + ', '.join('"%s"' % s.strip() for s in m.group(2).split(',') if s.strip()) + ']'
groups = {}
for dp, dn, fn in os.walk(src):
    dn.sort()
    for f in sorted(fn):
        p = os.path.join(dp, f); rel = os.path.relpath(p, src)
        text = open(p, encoding='utf-8').read()
        for v in ('quoted', 'yaml'):
            os.makedirs(os.path.dirname(os.path.join(out, v, rel)), exist_ok=True)
        if not (rel.startswith('backlog' + os.sep) and f.endswith('.md') and text.startswith('---\n')):
            for v in ('quoted', 'yaml'):
                shutil.copyfile(p, os.path.join(out, v, rel))
            continue
        head, body = text[4:].split('\n---\n', 1)
        quoted = '\n'.join(re.sub(r'^(goals: |labels: )\[(.*)\]$', quote_list, l) for l in head.split('\n'))
        open(os.path.join(out, 'quoted', rel), 'w', encoding='utf-8').write('---\n' + quoted + '\n---\n' + body)
        entry = ''.join(('  - ' if i == 0 else '    ') + l + '\n' for i, l in enumerate(l for l in head.split('\n') if l))
        criteria = [l[6:] for l in body.split('\n') if l.startswith('- [')]
        if criteria:
            entry += '    acceptance_criteria:\n' + ''.join("      - '%s'\n" % c.replace("'", "''") for c in criteria)
        groups.setdefault(os.path.dirname(rel), []).append(entry)
for d, entries in groups.items():
    for i in range(0, len(entries), 100):
        with open(os.path.join(out, 'yaml', d, 'items-%04d.yaml' % (i // 100)), 'w', encoding='utf-8') as f:
            f.write('kind: backlog\nitems:\n' + ''.join(entries[i:i + 100]))
PY

printf '| workspace | instructions, with | without | without ÷ with |'
[ "$runs" -gt 0 ] && printf ' wall, with | without |'
printf '\n|---|---:|---:|---:|'
[ "$runs" -gt 0 ] && printf -- '---:|---:|'
printf '\n'
for w in flat quoted yaml; do
    "$with" check --format json "$out/$w" >"$out/$w.with.json" || true
    "$without" check --format json "$out/$w" >"$out/$w.without.json" || true
    cmp -s "$out/$w.with.json" "$out/$w.without.json" || { echo "yaml-readers.sh: the two binaries differ on $w" >&2; exit 1; }
    count() {
        RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$out/$w.$2.cg" "$1" check --format json "$out/$w" >/dev/null 2>"$out/$w.$2.log" || true
        grep -m1 '^summary:\|^totals:' "$out/$w.$2.cg" | awk '{print $2}'
    }
    a="$(count "$with" with)"; b="$(count "$without" without)"
    printf '| %s | %s | %s | %s |' "$w" "$a" "$b" "$(python3 -c "print(f'{$b/$a:.2f}×')")"
    if [ "$runs" -gt 0 ]; then
        hyperfine --style none --warmup 1 --runs "$runs" -i --export-json "$out/$w.hf.json" \
            "$with check --format json $out/$w" "$without check --format json $out/$w" >/dev/null
        python3 -c "import json,statistics as s; r=json.load(open('$out/$w.hf.json'))['results']; print(' %.2f s | %.2f s |' % tuple(s.median(x['times']) for x in r), end='')"
    fi
    printf '\n'
done
