#!/usr/bin/env bash
# A production install runs without dev dependencies. In a scratch copy of the repository: build,
# prune the dev dependencies (tsx, esbuild, vitest, typescript...), then run what production runs:
# the CLI on the bundled sample, and `npm start` far enough to load every module main.ts, the
# adapters, the brief workers and both engines use (the start then fails on purpose: Slack's API
# points at a closed local port). Run by .ci/run after the tests; about half a minute.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() {
  echo "check-production: $*" >&2
  exit 1
}

# The repository's files as committed or staged, plus the installed node_modules: `npm ci` has just
# run, and a second one would build better-sqlite3 from source again.
git ls-files -z --cached --others --exclude-standard |
  tar --null --ignore-failed-read -T - -cf - | tar -xf - -C "$work"
cp -a node_modules "$work/"
cd "$work"

npm run build --silent
npm prune --omit=dev --no-audit --no-fund >/dev/null
for dev in tsx esbuild vitest typescript; do
  [[ ! -e "node_modules/$dev" ]] || fail "node_modules/$dev is still there after npm prune --omit=dev"
done

out="$(NO_COLOR=1 npm run --silent brief -- examples/summit-article.txt)"
grep -q '^Kim Jong-un and Vladimir Putin' <<<"$out" || fail "npm run brief printed no brief:"$'\n'"$out"
echo "check-production: npm run brief works without dev dependencies"

# A source newer than the build, and no esbuild to rebuild with: the existing build still runs.
touch src/cli.ts
err="$(npm run --silent brief -- --version 2>&1 >/dev/null)"
grep -q 'esbuild is not installed: running the existing build' <<<"$err" || fail "stale build not reported: $err"

set +e
err="$(env -i PATH="$PATH" HOME="${HOME:-$work}" npm start --silent 2>&1)"
code=$?
set -e
[[ $code -eq 1 ]] || fail "npm start with nothing configured exited $code, not 1:"$'\n'"$err"
grep -q '^Nothing to start' <<<"$err" || fail "npm start did not explain what to set:"$'\n'"$err"
echo "check-production: npm start loads main.ts and the adapters, and explains what to set"

# Slack and the LLM engine configured: the workers load both engines and the prompts and brief the
# warm-up page; then Slack's auth.test meets a closed port and start-up fails with a clear line.
set +e
err="$(env -i PATH="$PATH" HOME="${HOME:-$work}" LOG_LEVEL=info PORT=0 BRIEF_DB="$work/data/brief.db" \
  SLACK_BOT_TOKEN=xoxb-test SLACK_SIGNING_SECRET=test-secret SLACK_API_URL=http://127.0.0.1:9/api/ \
  OPENAI_BASE_URL=http://127.0.0.1:9/v1 node dist/src/main.js 2>&1)"
code=$?
set -e
grep -q '"msg":"brief workers warm"' <<<"$err" || fail "the brief workers did not warm up:"$'\n'"$err"
grep -q '^brief: could not start: Slack start-up failed' <<<"$err" || fail "no clear start-up error:"$'\n'"$err"
[[ $code -eq 1 ]] || fail "start-up against a closed port exited $code, not 1"
echo "check-production: the bot's workers, engines and prompts load without dev dependencies"
