#!/usr/bin/env bash
# Render the HTML report (`attrib check --format html`) in headless Chromium
# and check the DOM the browser built (tests/browser.rs). Installs Debian's
# chromium first when it is missing (needs root, as in CI). The page and the
# screenshot are left in target/tmp/browser/ (report.html, report.png).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1 && [ -z "${ATTRIB_CHROMIUM:-}" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "chromium is not installed; run as root, or: sudo apt-get install -y chromium" >&2
        exit 2
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi

ATTRIB_BROWSER_TESTS=1 cargo test --quiet --test browser -- --nocapture
