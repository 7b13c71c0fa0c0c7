#!/usr/bin/env bash
# The benchmark of docs/performance.md, in one run: for each size, generate a workspace
# (pmpo's layout and Backlog.md's), then time in alternating rounds
#   read floor   examples/floor: walk and read every Markdown file, in parallel
#   bare parse   examples/bare_parse: walk, read, split, serde-saphyr, pulldown-cmark
#   pmpo check   --format json, on both layouts, on all cores and on one (taskset)
#   peers        markdownlint-cli2 (pmpo layout), Backlog.md `task list --plain`
#                (its own layout), installed from npm into the output directory
# and report medians, ratios and peak RSS (GNU time) as a Markdown table.
#
#   benches/run.sh [--out DIR] [--sizes "1000 10000 100000"] [--rounds N]
#                  [--peer-rounds N] [--tools DIR] [--no-peers] [--no-install]
#                  [--timeout SECS] [--keep]
#
# Everything is written below DIR (default: a new mktemp directory), except what
# `cargo build --release` writes to the repository's target directory and, when
# hyperfine is missing, root and --no-install unset, `apt-get install hyperfine`.
# Workspaces, npm packages and caches are removed on exit (unless --keep); the
# results (results.md, samples.tsv, logs/) stay in DIR. A tool that exits with a
# code it does not use for success, or prints the wrong counts, is reported FAILED.
set -euo pipefail

sizes="1000 10000 100000"
rounds=""
peer_rounds=""
out=""
tools=""
peers=1
install=1
timeout_s=1800
keep=0
seed=1

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-0}"; }
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        --rounds) rounds="$2"; shift 2 ;;
        --peer-rounds) peer_rounds="$2"; shift 2 ;;
        --tools) tools="$2"; shift 2 ;;
        --no-peers) peers=0; shift ;;
        --no-install) install=0; shift ;;
        --timeout) timeout_s="$2"; shift 2 ;;
        --keep) keep=1; shift ;;
        -h|--help) usage 0 ;;
        *) echo "run.sh: unknown argument $1" >&2; usage 2 ;;
    esac
done

say() { printf '%s\n' "$*" >&2; }
die() { say "run.sh: $*"; exit 2; }

for n in $sizes; do [[ "$n" =~ ^[1-9][0-9]*$ ]] || die "--sizes takes positive integers, not '$n'"; done
[ "${BASH_VERSINFO[0]}" -ge 5 ] || die "needs bash 5 (EPOCHREALTIME)"
command -v python3 >/dev/null || die "needs python3 to summarise the results"
command -v cargo >/dev/null || die "needs cargo"

if [ -z "$out" ]; then
    out="$(mktemp -d "${TMPDIR:-/tmp}/pmpo-bench.XXXXXX")"
else
    case "$out" in *..*) die "refusing --out with '..': $out" ;; esac
    if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
        die "refusing --out $out: it exists and is not empty"
    fi
    mkdir -p "$out"
fi
out="$(cd "$out" && pwd -P)"
# Commands are handed to hyperfine as strings split on blanks.
case "$out" in *[[:space:]\'\"\\]*) die "the output directory must not contain blanks or quotes: $out" ;; esac

ws="$out/ws"
logs="$out/logs"
made_tools=0
if [ -z "$tools" ]; then tools="$out/tools"; made_tools=1; fi
cleanup() {
    local code=$?
    if [ "$keep" = 0 ]; then
        rm -rf -- "$ws" "$out/npm-cache" "$out/home" "$out/bin" "$out/rounds"
        if [ "$made_tools" = 1 ]; then rm -rf -- "$tools"; fi
    fi
    [ "$code" = 0 ] || say "run.sh: stopped (exit $code); partial results in $out"
    exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$ws" "$logs" "$out/bin" "$out/home" "$out/rounds"

repo="$(cd "$(dirname "$0")/.." && pwd -P)"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
say "== building (release) in $repo"
(cd "$repo" && cargo build --release --locked --bin pmpo --example generate --example floor --example bare_parse) >"$logs/build.log" 2>&1 \
    || { tail -20 "$logs/build.log" >&2; die "cargo build failed"; }
target="$(cd "$repo" && cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
pmpo="$target/release/pmpo"
gen="$target/release/examples/generate"
floor="$target/release/examples/floor"
bare="$target/release/examples/bare_parse"

timer="hyperfine"
if ! command -v hyperfine >/dev/null; then
    if [ "$install" = 1 ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "== installing hyperfine with apt-get"
        apt-get install -y hyperfine >"$logs/apt.log" 2>&1 || say "   apt-get install hyperfine failed (see $logs/apt.log)"
    fi
    command -v hyperfine >/dev/null || timer="loop"
fi
[ "$timer" = loop ] && say "== hyperfine is not available: timing with a bash loop (EPOCHREALTIME), one run at a time"
have_time=0; [ -x /usr/bin/time ] && have_time=1
[ "$have_time" = 1 ] || say "== /usr/bin/time (GNU time) is missing: no peak RSS"
one_core="taskset -c 0"
command -v taskset >/dev/null || one_core="env RAYON_NUM_THREADS=1"

if [ "$peers" = 1 ]; then
    if ! command -v npm >/dev/null; then
        say "== npm is not installed: skipping the peers (markdownlint-cli2, Backlog.md)"
        peers=0
    elif [ ! -x "$tools/node_modules/.bin/markdownlint-cli2" ] || [ ! -x "$tools/node_modules/.bin/backlog" ]; then
        say "== installing markdownlint-cli2 and backlog.md from npm into $tools"
        mkdir -p "$tools"
        if ! npm_config_cache="$out/npm-cache" npm_config_update_notifier=false \
            npm install --prefix "$tools" --no-audit --no-fund --no-save \
            markdownlint-cli2@0.22.1 backlog.md@1.52.0 >"$logs/npm.log" 2>&1; then
            say "   npm install failed (see $logs/npm.log): skipping the peers"
            peers=0
        fi
    fi
fi

# name|tree|allowed exit codes|command: one line per tool and size.
: >"$out/samples.tsv"
: >"$out/rss.tsv"
: >"$out/failures.tsv"
: >"$out/trees.tsv"
: >"$out/allowed.tsv"

# Write a wrapper that runs a peer inside its tree with a private HOME.
peer_wrapper() { # file dir program args...
    local file="$1" dir="$2"; shift 2
    {
        echo '#!/bin/sh'
        echo "cd '$dir' || exit 97"
        echo "HOME='$out/home' XDG_CONFIG_HOME='$out/home/.config' exec timeout $timeout_s $*"
    } >"$file"
    chmod +x "$file"
}

# Run once, keep the output, and say whether the run counts: exit code allowed and the
# counts the tool prints match the tree. The run also gives the peak memory.
validate() { # n name tree allowed cmd expect
    local n="$1" name="$2" tree="$3" allowed="$4" cmd="$5" expect="$6" log rc
    log="$logs/$n-${name//[^A-Za-z0-9]/_}-$tree.out"
    local -a argv timed=()
    read -ra argv <<<"$cmd"
    [ "$have_time" = 1 ] && timed=(/usr/bin/time -v -o "$log.time")
    set +e; "${timed[@]}" "${argv[@]}" >"$log" 2>&1; rc=$?; set -e
    if [ "$have_time" = 1 ]; then
        printf '%s\t%s\t%s\t%s\t%s\n' "$n" "$name" "$tree" \
            "$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$log.time")" "$rc" >>"$out/rss.tsv"
    fi
    local why=""
    if [[ " $allowed " != *" $rc "* ]]; then
        why="exit code $rc"
    elif [[ "$expect" == count:* ]]; then # count:N:REGEX, N lines must match
        local want="${expect#count:}" got
        got="$(grep -Ec -- "${want#*:}" "$log" || true)"
        [ "$got" = "${want%%:*}" ] || why="$got lines match /${want#*:}/, expected ${want%%:*}"
    elif ! grep -Eq -- "$expect" "$log"; then
        why="output lacks /$expect/"
    fi
    if [ -n "$why" ]; then
        printf '%s\t%s\t%s\t%s (see %s)\n' "$n" "$name" "$tree" "$why" "$log" >>"$out/failures.tsv"
        return 1
    fi
}

for n in $sizes; do
    files=$((n + 3))
    tree_p="$ws/pmpo-$n"; tree_b="$ws/backlog-md-$n"
    say "== $n items: generating"
    "$gen" --items "$n" --seed "$seed" --out "$tree_p" 2>>"$logs/generate.log"
    "$gen" --items "$n" --seed "$seed" --out "$tree_b" --layout backlog-md 2>>"$logs/generate.log"
    for t in "$tree_p" "$tree_b"; do
        read -r f b < <("$floor" "$t")
        printf '%s\t%s\t%s\t%s\n' "$n" "${t##*/}" "$f" "$b" >>"$out/trees.tsv"
    done

    names=(); trees=(); allows=(); cmds=(); expects=(); is_peer=()
    add() { names+=("$1"); trees+=("$2"); allows+=("$3"); cmds+=("$4"); expects+=("$5"); is_peer+=("${6:-0}"); }
    add "read floor" "pmpo-$n" "0" "$floor $tree_p" "^$files "
    add "bare parse" "pmpo-$n" "0" "$bare $tree_p" "^$files "
    add "bare parse, 1 core" "pmpo-$n" "0" "$one_core $bare $tree_p" "^$files "
    add "pmpo check" "pmpo-$n" "0 1" "$pmpo check --format json $tree_p" "\"documents\": $files,"
    add "pmpo check, 1 core" "pmpo-$n" "0 1" "$one_core $pmpo check --format json $tree_p" "\"documents\": $files,"
    add "read floor" "backlog-md-$n" "0" "$floor $tree_b" "^$files "
    add "bare parse" "backlog-md-$n" "0" "$bare $tree_b" "^$files "
    add "pmpo check" "backlog-md-$n" "0 1" "$pmpo check --format json $tree_b" "\"documents\": $files,"
    if [ "$peers" = 1 ]; then
        peer_wrapper "$out/bin/markdownlint-$n" "$tree_p" "$tools/node_modules/.bin/markdownlint-cli2" "'**/*.md'"
        peer_wrapper "$out/bin/backlog-$n" "$tree_b" "$tools/node_modules/.bin/backlog" task list --plain
        add "markdownlint-cli2" "pmpo-$n" "0 1" "$out/bin/markdownlint-$n" "Linting: $files file" 1
        add "backlog task list" "backlog-md-$n" "0" "$out/bin/backlog-$n" "count:$n:^ +TASK-[0-9]+ - " 1
    fi

    # The validating run doubles as the warm-up and the memory measurement; a tool that
    # fails it is not timed.
    live=()
    for i in "${!names[@]}"; do
        say "   validating: ${names[$i]} on ${trees[$i]}"
        if validate "$n" "${names[$i]}" "${trees[$i]}" "${allows[$i]}" "${cmds[$i]}" "${expects[$i]}"; then live+=("$i"); fi
    done

    r="${rounds:-$([ "$n" -ge 100000 ] && echo 3 || ([ "$n" -ge 10000 ] && echo 5 || echo 10))}"
    # The peers take minutes at 100,000 items: fewer rounds for them by default.
    pr="${peer_rounds:-$([ "$n" -ge 100000 ] && echo 2 || echo 3)}"
    for ((round = 1; round <= r; round++)); do
        say "   round $round/$r"
        todo=()
        for i in "${live[@]}"; do
            if [ "${is_peer[$i]}" = 1 ] && [ "$round" -gt "$pr" ]; then continue; fi
            todo+=("$i")
        done
        if [ "$timer" = hyperfine ]; then
            args=()
            for i in "${todo[@]}"; do args+=(-n "${names[$i]}|${trees[$i]}" "${cmds[$i]}"); done
            json="$out/rounds/$n-$round.json"
            hyperfine -N --runs 1 --ignore-failure --style basic --export-json "$json" "${args[@]}" >>"$logs/hyperfine.log" 2>&1
            python3 - "$json" "$n" "$round" >>"$out/samples.tsv" <<'PY'
import json, sys
for r in json.load(open(sys.argv[1]))["results"]:
    name, tree = r["command"].split("|")
    print(f"{sys.argv[2]}\t{name}\t{tree}\t{sys.argv[3]}\t{r['times'][0]:.6f}\t{r['exit_codes'][0]}")
PY
        else
            for i in "${todo[@]}"; do
                local_argv=(); read -ra local_argv <<<"${cmds[$i]}"
                t0=$EPOCHREALTIME; set +e; "${local_argv[@]}" >/dev/null 2>&1; rc=$?; set -e; t1=$EPOCHREALTIME
                secs=$(python3 -c "print(f'{$t1 - $t0:.6f}')")
                printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "${names[$i]}" "${trees[$i]}" "$round" "$secs" "$rc" >>"$out/samples.tsv"
            done
        fi
    done
    # Allowed exit codes per tool, for the summary to tell a failed run from a time.
    for i in "${live[@]}"; do printf '%s\t%s\t%s\tallowed\t%s\n' "$n" "${names[$i]}" "${trees[$i]}" "${allows[$i]}" >>"$out/allowed.tsv"; done

    [ "$keep" = 1 ] || rm -rf -- "$tree_p" "$tree_b"
done

{
    echo "Machine: $(nproc) cores, $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)," \
        "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) RAM, $(uname -sr);" \
        "load average at the start $load_start, at the end $(cut -d' ' -f1-3 /proc/loadavg); timer: $timer."
    echo
    python3 "$repo/benches/report.py" "$out"
} >"$out/results.md"
cat "$out/results.md"
say "== results in $out/results.md"
