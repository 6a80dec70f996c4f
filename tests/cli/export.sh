# export.sh -- scripts/export.lua: any query's rows as CSV, JSON, JSON Lines or a table;
# articles in rows written as id/title/date/outlet, nested records as prefixed columns,
# several values picked by --field; a bad or failing query exits non-zero with a message.
. "$(dirname "$0")/lib.sh"
: "${TIFA_SRC:?TIFA_SRC not set}"
export TIFA_PATH="$TIFA_SRC/scripts"

# the expected rows, from the library directly
cat >words.lua <<'LUA'
for _, w in ipairs(db:words{top = 5, articles = {1, 4}}) do
  print(w.word .. "," .. w.count .. "," .. w.articles)
end
LUA
run "$TIFA" run ./words.lua
expect_rc 0 "the oracle runs"
WANT=$OUT

run "$TIFA" run export 'db:words{top = 5, articles = {1, 4}}'
expect_rc 0 "export to CSV"
expect_eq "$(head -1 <<<"$OUT" | tr -d '\r')" "articles,count,word" "CSV header: the row's fields"
GOT=$(tail -n +2 <<<"$OUT" | tr -d '\r' | awk -F, '{print $3 "," $2 "," $1}')
expect_eq "$GOT" "$WANT" "CSV rows are db:words's rows"

run "$TIFA" run export 'db:words{top = 5, articles = {1, 4}}' --format jsonl
expect_rc 0 "export to JSON Lines"
expect_eq "$(wc -l <<<"$OUT" | tr -d ' ')" "5" "one line per row"
GOT=$(python3 -c 'import json,sys
for l in sys.stdin: r=json.loads(l); print("%s,%d,%d" % (r["word"], r["count"], r["articles"]))' <<<"$OUT")
expect_eq "$GOT" "$WANT" "JSON Lines rows are db:words's rows"

# articles become their naming fields; the hits' offsets (a list) one JSON cell
run "$TIFA" run export 'db:search("新质生产力", {limit = 2})' --output hits.csv --bom
expect_rc 0 "export to a file"
expect_eq "$(head -c 3 hits.csv | od -An -tx1 | tr -d ' ')" "efbbbf" "--bom starts with a byte order mark"
expect_eq "$(head -1 hits.csv | tr -d '\r' | sed 's/^\xef\xbb\xbf//')" \
  "id,article.id,article.title,article.date,article.outlet,offsets,score,snippet,title_offsets" \
  "article fields first, then the rest by name"
N=$(python3 -c 'import csv,sys,json
rows=list(csv.DictReader(open("hits.csv", encoding="utf-8-sig")))
print(len(rows), all(r["id"]==r["article.id"] and len(json.loads(r["offsets"]))>0 for r in rows))')
expect_eq "$N" "2 True" "two hits, each with its article's id and a JSON list of offsets"

# a query with several values: --field N takes the n-th
cat >count.lua <<'LUA'
local total, per = db:count("发展")
local ids = {}
for id in pairs(per) do ids[#ids + 1] = id end
table.sort(ids)
for _, id in ipairs(ids) do print(id .. "," .. per[id]) end
LUA
run "$TIFA" run ./count.lua
WANT=$OUT
run "$TIFA" run export 'db:count("发展")' --field 2
expect_rc 0 "export the second value"
expect_eq "$(tail -n +2 <<<"$OUT" | tr -d '\r')" "$WANT" "per-article counts as key,value rows in id order"

# errors
run "$TIFA" run export 'db:search('
expect_rc 2 "a query that does not parse"
expect_err "export: bad query" "says the query is bad"
run "$TIFA" run export 'db:search("(")'
expect_rc 1 "a query that fails"
expect_err "malformed query" "passes on the store's message"
run "$TIFA" run export '42'
expect_rc 1 "a value that is not rows"
expect_err "not a list of rows" "says what it got"
finish
