#!/usr/bin/env bash
# Takes the README's screenshots: the real window under Xvfb on the bundled examples.
# Needs: apt-get install xvfb imagemagick. Usage: bash .ci/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet
orgflow="${CARGO_TARGET_DIR:-target}/debug/orgflow"
export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
chmod 700 "$XDG_RUNTIME_DIR"
Xvfb :97 -screen 0 1600x1000x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null || true' EXIT
export DISPLAY=:97
sleep 1
shoot() { # file (an example's name, or a path), output
  local file="$1"
  [ -e "$file" ] || file="assets/examples/$1"
  HOME="$(mktemp -d)" "$orgflow" "$file" &
  local app=$!
  sleep "${WAIT:-8}"
  import -window root "screenshots/$2"
  kill "$app"
  wait "$app" 2>/dev/null || true
}
mkdir -p screenshots
# Exported slides need no display: the same command a user runs.
"$orgflow" export assets/examples/riverside-traditional.json --out screenshots/slide-before.png --title "Riverside Primary: before"
"$orgflow" export assets/examples/riverside-distributed.json --out screenshots/slide-after.png --title "Riverside Primary: after distributing leadership"
shoot riverside-traditional.json school-traditional.png
shoot riverside-distributed.json school-distributed.png
shoot brightpath-product.json product-company.png
"$orgflow" export assets/examples/riverside-traditional.json --compare assets/examples/riverside-distributed.json --out screenshots/slide-compare.png
# Four quarters of a headcount report (one file, a snapshot date column) with a RACI sheet by title.
"$orgflow" trend tests/trend/headcount-snapshots.csv --rights tests/trend/raci-by-title.csv --out screenshots/trend.png >/dev/null 2>&1
# The same file in the window: it opens on its latest quarter with the timeline window open.
shoot tests/trend/headcount-snapshots.csv timeline.png
# An HR export shaped like a real one (leavers, managers outside the file, a RACI sheet by
# job title), converted to a team file with its rights.
hr="$(mktemp -d)/hr-export.json"
"$orgflow" convert tests/hris/people.csv "$hr" --rights tests/hris/raci.csv 2>/dev/null
shoot "$hr" hr-export.png
# Real data: the manufacturing company's reporting lines and e-mail log (../shared), no rights,
# so the network view shows who people write to.
manufacturing=../shared/datasets/manufacturing_email_hierarchy
if [ -d "$manufacturing" ]; then
  email="$(mktemp -d)/manufacturing.json"
  "$orgflow" convert "$manufacturing/reportsto.csv" "$email" \
    --links "$manufacturing/email_edges_weighted.csv" --links-kind communication 2>/dev/null
  shoot "$email" informal-network.png
fi
# Real data: the Department for Transport's published organogram of September 2011 (senior
# posts with the junior posts' FTE), as a slide and in the window; no rights, so the network's
# place shows the structure panel.
uk=../shared/datasets/uk_organogram_2011_09/published
if [ -d "$uk" ]; then
  "$orgflow" export "$uk/department_for_transport-2011-09-30-senior.csv" \
    "$uk/department_for_transport-2011-09-30-junior.csv" --out screenshots/slide-organogram.png 2>/dev/null
  dft="$(mktemp -d)/dft.json"
  "$orgflow" convert "$uk/department_for_transport-2011-09-30-senior.csv" \
    "$uk/department_for_transport-2011-09-30-junior.csv" "$dft" 2>/dev/null
  shoot "$dft" organogram.png
fi
echo "Wrote screenshots/*.png"
