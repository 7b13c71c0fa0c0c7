"""Summarise a benches/run.sh output directory as the Markdown of docs/performance.md.

Reads trees.tsv, samples.tsv, allowed.tsv, rss.tsv and failures.tsv from the directory
given; prints the table of every tool, the ratios, one line per size and layout (pmpo ÷ read
floor, pmpo ÷ bare parse, peak RSS) and the targets of issue 16. A tool
with a failed validation or any run exiting with a code it does not use for success is
shown as FAILED, never as a time.
"""

import statistics
import sys
from collections import defaultdict
from pathlib import Path

out = Path(sys.argv[1])


def rows(name):
    path = out / name
    if not path.exists():
        return []
    return [line.split("\t") for line in path.read_text().splitlines() if line.strip()]


ORDER = [
    ("read floor", "pmpo"),
    ("bare parse", "pmpo"),
    ("bare parse, 1 core", "pmpo"),
    ("pmpo check", "pmpo"),
    ("pmpo check, 1 core", "pmpo"),
    ("markdownlint-cli2", "pmpo"),
    ("read floor", "backlog-md"),
    ("bare parse", "backlog-md"),
    ("pmpo check", "backlog-md"),
    ("backlog task list", "backlog-md"),
]

trees = {}
for n, tree, files, size in rows("trees.tsv"):
    trees[(int(n), tree.rsplit("-", 1)[0])] = (int(files), int(size))
times = defaultdict(list)
exits = defaultdict(list)
for n, name, tree, _round, secs, code in rows("samples.tsv"):
    key = (int(n), name, tree.rsplit("-", 1)[0])
    times[key].append(float(secs))
    exits[key].append(int(code))
allowed = {}
for n, name, tree, _, codes in rows("allowed.tsv"):
    allowed[(int(n), name, tree.rsplit("-", 1)[0])] = {int(c) for c in codes.split()}
rss = {}
for n, name, tree, kb, code in rows("rss.tsv"):
    key = (int(n), name, tree.rsplit("-", 1)[0])
    rss[key] = (int(kb) / 1024, int(code))
failed = {}
for n, name, tree, reason in rows("failures.tsv"):
    failed[(int(n), name, tree.rsplit("-", 1)[0])] = reason
# Memory comes from the validating run; it counts only if that run succeeded.
rss = {k: (kb if k not in failed and code in allowed.get(k, {0}) else None) for k, (kb, code) in rss.items()}
for key, codes in exits.items():
    bad = [c for c in codes if c not in allowed.get(key, {0})]
    if bad and key not in failed:
        failed[key] = f"exit code {bad[0]} in {len(bad)} of {len(codes)} runs"

sizes = sorted({n for n, _ in trees})


def median(key):
    if key in failed or not times.get(key):
        return None
    return statistics.median(times[key])


def fmt_s(s):
    return f"{s:.3f} s" if s < 10 else f"{s:.1f} s"


def ratio(a, b, digits=2):
    return f"{a / b:.{digits}f}×" if a is not None and b else "n/a"


print("| items | tool | tree | wall (median) | min – max | runs | files/s | MB/s | peak RSS | × bare parse | × read floor |")
print("|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    for name, tree in ORDER:
        key = (n, name, tree)
        if key not in times and key not in failed:
            continue
        if key in failed:
            print(f"| {n:,} | {name} | {tree} | **FAILED** | {failed[key]} | | | | | | |")
            continue
        med = median(key)
        files, size = trees[(n, tree)]
        mem = rss.get(key)
        mem_s = f"{mem:.0f} MiB" if mem is not None else "n/a"
        bare = median((n, "bare parse", tree))
        floor = median((n, "read floor", tree))
        print(
            f"| {n:,} | {name} | {tree} | {fmt_s(med)} | {min(times[key]):.3f} – {max(times[key]):.3f} | "
            f"{len(times[key])} | {files / med:,.0f} | {size / 1e6 / med:,.1f} | {mem_s} | "
            f"{ratio(med, bare)} | {ratio(med, floor)} |"
        )

print()
print("| items | pmpo ÷ bare parse | pmpo ÷ read floor | markdownlint-cli2 ÷ pmpo | Backlog.md ÷ pmpo | "
      "pmpo 1 core ÷ all cores | bare 1 core ÷ all cores | pmpo µs per item |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|")
for n in sizes:
    pm = median((n, "pmpo check", "pmpo"))
    pm_b = median((n, "pmpo check", "backlog-md"))
    print(
        f"| {n:,} | {ratio(pm, median((n, 'bare parse', 'pmpo')))} | {ratio(pm, median((n, 'read floor', 'pmpo')))} | "
        f"{ratio(median((n, 'markdownlint-cli2', 'pmpo')), pm, 0)} | {ratio(median((n, 'backlog task list', 'backlog-md')), pm_b, 0)} | "
        f"{ratio(median((n, 'pmpo check, 1 core', 'pmpo')), pm)} | {ratio(median((n, 'bare parse, 1 core', 'pmpo')), median((n, 'bare parse', 'pmpo')))} | "
        f"{(pm * 1e6 / n) if pm else float('nan'):.1f} |"
    )

print()
print("| items | tree | pmpo ÷ read floor | pmpo ÷ bare parse | pmpo peak RSS |")
print("|---:|---|---:|---:|---:|")
for n in sizes:
    for tree in ("pmpo", "backlog-md"):
        pm = median((n, "pmpo check", tree))
        if pm is None and (n, "pmpo check", tree) not in failed:
            continue
        mem = rss.get((n, "pmpo check", tree))
        print(
            f"| {n:,} | {tree} | {ratio(pm, median((n, 'read floor', tree)))} | "
            f"{ratio(pm, median((n, 'bare parse', tree)))} | {f'{mem:.0f} MiB' if mem is not None else 'n/a'} |"
        )

print()
print("Targets of issue 16:")


def target(label, value, goal, ok):
    mark = "n/a" if value is None else ("met" if ok(value) else "**missed**")
    shown = "n/a" if value is None else value
    print(f"- {label}: {shown} (target {goal}): {mark}")


big = max(sizes) if sizes else None
for n in sizes:
    if n < 10000:
        continue
    for tree in ("pmpo", "backlog-md"):
        pm, bare = median((n, "pmpo check", tree)), median((n, "bare parse", tree))
        target(f"pmpo ÷ bare parse at {n:,} ({tree} tree)", pm and bare and round(pm / bare, 2), "≤ 1.2", lambda v: v <= 1.2)
if big:
    for tree in ("pmpo", "backlog-md"):
        pm, floor = median((big, "pmpo check", tree)), median((big, "read floor", tree))
        target(f"pmpo ÷ read floor at {big:,} ({tree} tree)", pm and floor and round(pm / floor, 2), "≤ 2.5", lambda v: v <= 2.5)
    mem = max((v for (n, name, _), v in rss.items() if n == big and name == "pmpo check" and v is not None), default=None)
    target(f"pmpo peak RSS at {big:,} (either tree)", mem and round(mem), "≤ 48 MiB", lambda v: v <= 48)
    pm = median((big, "pmpo check", "pmpo"))
    one = median((big, "pmpo check, 1 core", "pmpo"))
    target(f"pmpo 1 core ÷ all cores at {big:,}", one and pm and round(one / pm, 2), "≥ 1.7", lambda v: v >= 1.7)
    ml = median((big, "markdownlint-cli2", "pmpo"))
    if ml:
        target(f"markdownlint-cli2 ÷ pmpo at {big:,}", ml and pm and round(ml / pm), "≥ 50 (issue 7)", lambda v: v >= 50)
if len(sizes) >= 2:
    per = [(n, median((n, "pmpo check", "pmpo"))) for n in sizes]
    per = [(n, t / n * 1e6) for n, t in per if t]
    if len(per) >= 2:
        spread = max(p for _, p in per[1:]) / min(p for _, p in per[1:]) if len(per) > 2 else per[-1][1] / per[0][1]
        print("- linear in N: µs per item " + ", ".join(f"{p:.1f} at {n:,}" for n, p in per)
              + f" (largest ÷ smallest from 10,000 up: {spread:.2f})")
