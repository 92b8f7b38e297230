#!/usr/bin/env bash
# Install everything Broadside needs, then build every article in content/ into output/.
#   bash scripts/setup.sh            install + build all articles
#   bash scripts/setup.sh --no-build install only (used by .ci/run)
# System packages come from the OS package manager (Debian/Ubuntu apt-get);
# nothing is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

build_articles=1
[ "${1:-}" = "--no-build" ] && build_articles=0

# Debian package → a command (or file) that shows it is already there.
declare -A NEEDS=(
  [chromium]=/usr/bin/chromium          # the browser that lays out the PDFs and checks the page
  [poppler-utils]=/usr/bin/pdfinfo      # tests read the PDFs with an independent reader
  [qpdf]=/usr/bin/qpdf
  [ffmpeg]=/usr/bin/ffmpeg              # MP3 encoding and loudness measurement
  [espeak-ng]=/usr/bin/espeak-ng        # narration in ~100 languages
  [festival]=/usr/bin/text2wave
  [festvox-us-slt-hts]=/usr/share/festival/voices/us/cmu_us_slt_arctic_hts
  [fonts-dejavu-core]=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  [fonts-noto-core]=/usr/share/fonts/truetype/noto/NotoNaskhArabic-Regular.ttf
  [fonts-liberation2]=/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf
  [fonts-noto-color-emoji]=/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf   # emoji in the PDFs
  [liblouis-bin]=/usr/bin/lou_translate # the braille edition
  [liblouis-data]=/usr/share/liblouis/tables/en-ueb-g2.ctb
  [epubcheck]=/usr/share/java/epubcheck.jar   # checks the EPUB edition (run with java -jar)
  [redis-server]=/usr/bin/redis-server  # the worker queue (BullMQ); tests start their own
)

missing=()
for pkg in "${!NEEDS[@]}"; do
  [ -e "${NEEDS[$pkg]}" ] || missing+=("$pkg")
done
# An explicitly named browser replaces Debian's Chromium.
if [ -n "${BROADSIDE_BROWSER:-}" ] && [ -x "${BROADSIDE_BROWSER}" ]; then
  missing=("${missing[@]/chromium}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' | sort || true))

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing system packages: ${missing[*]}"
  if ! command -v apt-get >/dev/null; then
    echo "setup: no apt-get here; install these yourself: ${missing[*]}" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "setup: run as root or install: ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "setup: installing npm packages"
# Puppeteer must not fetch a browser of its own (.puppeteerrc.cjs says so too).
PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
echo "setup: compiling"
npm run --silent build

if [ "$build_articles" = 1 ]; then
  echo "setup: building every article in content/ into output/"
  node bin/broadside.js build
fi
