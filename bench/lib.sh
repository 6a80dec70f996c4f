# bench/lib.sh -- measuring helpers for bench/run and bench/foundation (sourced, not run).
# Every sample is a whole process under GNU time (wall seconds, peak RSS); a Lua or Python
# driver that times its own work in process prints that figure as the first word of its
# output, which is kept too.
# Needs $S (a scratch folder for samples).

have () { command -v "$1" >/dev/null 2>&1; }

# sample LABEL N CMD... -- run CMD N times; each run appends "wall_s peak_kB" to $S/LABEL.t and
# the first word of its standard output to $S/LABEL.o; the last output stays in $S/LABEL.out.
# A failing run is recorded as FAIL (and reported on stderr) and stops the series.
sample () {
  local label=$1 n=$2 i; shift 2
  for ((i = 0; i < n; i++)); do
    if /usr/bin/time -f '%e %M' -o "$S/time" "$@" >"$S/$label.out" 2>"$S/$label.err"; then
      tail -1 "$S/time" >>"$S/$label.t"
      awk 'NR == 1 { print $1 }' "$S/$label.out" >>"$S/$label.o"
    else
      echo "bench: $label failed: $(tail -3 "$S/$label.err")" >&2
      echo FAIL >>"$S/$label.t"; echo FAIL >>"$S/$label.o"
      return 0
    fi
  done
}

# stats FILE COL [SCALE] -> "median min max n" of column COL (times SCALE); "FAIL" if any run failed,
# "" if there is no file
stats () {
  [ -s "$1" ] || return 0
  grep -q FAIL "$1" && { echo FAIL; return 0; }
  awk -v c="$2" -v k="${3:-1}" '{ print $c * k }' "$1" | sort -g | awk '
    { a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
                         print m, a[1], a[NR], NR }'
}
# spread FILE COL [SCALE] [FMT] -> "m (lo-hi)" (one run: "m, 1 run"); "failed"; "n/a"
spread () {
  local s; s=$(stats "$1" "$2" "${3:-1}")
  [ -z "$s" ] && { echo "n/a"; return; }
  [ "$s" = FAIL ] && { echo "failed"; return; }
  awk -v f="${4:-%.2f}" -v s="$s" 'BEGIN { split(s, v, " ")
    if (v[4] == 1) printf f ", 1 run", v[1]; else printf f " (" f "–" f ")", v[1], v[2], v[3] }'
}
# median FILE COL [SCALE] -> the median alone (empty when missing or failed)
median () { local s; s=$(stats "$1" "$2" "${3:-1}"); [ -n "$s" ] && [ "$s" != FAIL ] && echo "${s%% *}"; }
# peak LABEL -> the largest peak RSS of LABEL's runs, in MB
peak () { [ -s "$S/$1.t" ] && ! grep -q FAIL "$S/$1.t" && awk '$2 > m { m = $2 } END { printf "%.0f", m / 1024 }' "$S/$1.t" || echo "n/a"; }
# wall LABEL / cpu LABEL -> spread of the wall seconds / of the in-process figure
wall () { spread "$S/$1.t" 1 1 "${2:-%.2f}"; }
cpu () { spread "$S/$1.o" 1 1 "${2:-%.2f}"; }
# ratio A B -> "B/A x" (how many times A's time B takes); "n/a" when either is missing
ratio () { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a + 0 <= 0 || b + 0 <= 0) print "n/a"; else printf "%.1fx", b / a }'; }
# div A B [FMT] -> A / B
div () { awk -v a="$1" -v b="$2" -v f="${3:-%.2f}" 'BEGIN { if (a == "" || b == "" || b + 0 <= 0) print "n/a"; else printf f, a / b }'; }
mb () { du -sbL "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }
machine () {  # one Markdown paragraph: cores, CPU, RAM, kernel
  printf '%s cores (%s), %s GiB RAM, Linux %s' "$(nproc)" \
    "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
    "$(awk '/MemTotal/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)" "$(uname -r)"
}
loadavg () { cut -d' ' -f1-3 /proc/loadavg; }

# {------ the peers' loads and the indexes' size
# ingest_sql DIR -> SQL that loads DIR's .md files into an FTS5 table with SQLite's trigram
# tokenizer, in one transaction (ingest_sql_perfile: one per file, as tifa commits)
ingest_sql () {
  echo "PRAGMA journal_mode=WAL;
CREATE TABLE doc(id INTEGER PRIMARY KEY, name TEXT, text TEXT);
CREATE VIRTUAL TABLE doc_fts USING fts5(text, content='doc', content_rowid='id', tokenize='trigram');
BEGIN; INSERT INTO doc(name, text) SELECT name, CAST(data AS TEXT) FROM fsdir('$1') WHERE name LIKE '%.md';
INSERT INTO doc_fts(rowid, text) SELECT id, text FROM doc; COMMIT;"
}
ingest_sql_perfile () {
  echo "PRAGMA journal_mode=WAL; CREATE TABLE doc(id INTEGER PRIMARY KEY, name TEXT, text TEXT);"
  echo "CREATE VIRTUAL TABLE doc_fts USING fts5(text, content='doc', content_rowid='id', tokenize='trigram');"
  find "$1" -name '*.md' | sort | while read -r f; do
    echo "BEGIN; INSERT INTO doc(name, text) VALUES ('$f', CAST(readfile('$f') AS TEXT));"
    echo "INSERT INTO doc_fts(rowid, text) VALUES (last_insert_rowid(), (SELECT text FROM doc WHERE id = last_insert_rowid())); COMMIT;"
  done
}
idx () {  # DB TABLE-PREFIX... -> MB of those FTS tables' pages
  local db=$1; shift; local like=""
  for p in "$@"; do like="$like OR name LIKE '${p}%'"; done
  "${PY:-python3}" -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print('%.1f' % ((c.execute(sys.argv[2]).fetchone()[0] or 0) / 1048576))" \
    "$db" "SELECT sum(pgsize) FROM dbstat WHERE 0 $like"
}
# ------}
