# Shared set-up for the README's two commands (sourced, not run).
# Installs what a fresh Debian/Ubuntu machine lacks: system packages (as root, or names them),
# a Python virtual environment in .venv with the pinned requirements.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
export NO_MKDOCS_2_WARNING=1
export PYTHONDONTWRITEBYTECODE=1

say() { printf '\033[1m[aar-bakkan]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[aar-bakkan] ERREUR :\033[0m %s\n' "$*" >&2; exit 1; }

# ensure_system_packages PKG… — install missing Debian packages, or name them and stop.
ensure_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { say "dpkg absent : paquets système non vérifiés ($*)."; return 0; }
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    say "Installation des paquets système : ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  else
    die "paquets système manquants : ${missing[*]}. Installez-les avec : sudo apt-get install ${missing[*]}"
  fi
}

# ensure_python — Python 3.11 or newer, with venv support.
ensure_python() {
  command -v python3 >/dev/null 2>&1 || ensure_system_packages python3
  python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || die "Python 3.11 ou plus récent est nécessaire (trouvé : $(python3 --version 2>&1))."
  python3 -c 'import ensurepip, venv' 2>/dev/null || ensure_system_packages python3-venv
}

# ensure_venv REQUIREMENTS — create .venv and install the pinned requirements when they changed.
ensure_venv() {
  local requirements="$ROOT/$1" stamp="$VENV/.installed-$(basename "$1")"
  ensure_python
  [ -x "$VENV/bin/python" ] || { say "Création de l'environnement Python (.venv)"; python3 -m venv "$VENV"; }
  local wanted
  wanted="$(cat "$ROOT"/requirements*.txt | sha256sum | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    say "Installation des dépendances Python ($1)"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$requirements"
    echo "$wanted" > "$stamp"
  fi
}

# Libraries WeasyPrint needs for the PDFs, and fonts that cover every Wolof letter.
SITE_SYSTEM_PACKAGES=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core git)
# What the PDF tests read the PDFs with: pdftoppm and pdffonts (poppler-utils), zbarimg for QR codes.
TEST_SYSTEM_PACKAGES=(poppler-utils zbar-tools)
