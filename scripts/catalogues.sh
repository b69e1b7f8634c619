#!/usr/bin/env bash
# Refresh the web app's message catalogues: extract every marked message from the templates
# and the Python code into messages.pot, merge it into the da, en, no and sv catalogues (new
# messages arrive untranslated; tests/web/test_i18n.py fails until each has a Danish, Norwegian
# and Swedish text), and compile the .mo files that are committed beside them.
#   bash scripts/catalogues.sh            extract, update and compile
#   bash scripts/catalogues.sh compile    compile only (after editing a .po)
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL=${PYBABEL:-.venv/bin/pybabel}
LOCALE=src/indsigt/web/locale
if [ "${1:-}" != "compile" ]; then
  "$PYBABEL" extract -F babel.cfg -k N_ -k require:3 --no-location --sort-output \
    --project indsigt --copyright-holder "indsigt" -o "$LOCALE/messages.pot" src/indsigt
  for lang in da en no sv; do
    if [ -f "$LOCALE/$lang/LC_MESSAGES/messages.po" ]; then
      "$PYBABEL" update --no-fuzzy-matching --ignore-obsolete -i "$LOCALE/messages.pot" -d "$LOCALE" -l "$lang"
    else
      "$PYBABEL" init -i "$LOCALE/messages.pot" -d "$LOCALE" -l "$lang"
    fi
  done
fi
"$PYBABEL" compile -d "$LOCALE" --use-fuzzy 2>/dev/null || "$PYBABEL" compile -d "$LOCALE"
