# dask_reuse.sh -- text reuse as a Dask job (python/tifa-dask CORPUS reuse, on a LocalCluster
# of 2 worker processes): over a 3-shard corpus it finds the pairs db:reuse finds over one
# store of the same files, with and without options; its JSON Lines are those pairs with
# their texts; the pairs written back are what a later db:reuse reads (shown by editing
# them), until a shard changes; a step that fails is named; nothing is left running or on
# disk. Skipped (77) without Debian's python3-distributed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dask.inc"
# sql DB QUERY: its rows (Python's sqlite3: the sqlite3 program is not a dependency)
sql () { /usr/bin/python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for r in c.execute(sys.argv[2]): print(*r, sep="|")
c.commit()' "$@"; }

# db:reuse canonical: articles by file#seq, an undirected pair's sides in a set order,
# with the passages' texts; OPTS is a Lua table
cat > canon.lua <<'LUA'
local out, opts = ...
opts = load("return " .. opts)()
local lines = {}
local function side (s) return string.format("%s#%d %s %d-%d", s.article.file, s.article.seq, s.field, s.from, s.to) end
for _, p in ipairs(db:reuse(opts)) do
  local a, b, ta, tb = side(p.source), side(p.target), p.source.text, p.target.text
  local undirected = not p.directed and p.source.id ~= p.target.id
  if undirected and a > b then a, b, ta, tb = b, a, tb, ta end
  lines[#lines + 1] = table.concat({a, b, undirected and "-" or p.chars, p.edits, tostring(p.days), ta, tb}, " | ")
end
table.sort(lines)
local f = assert(io.open(out, "w"))
for _, l in ipairs(lines) do f:write(l, "\n") end
f:close()
print(#lines)
LUA
# the corpus's db:reuse by gid, 0-based positions, as the JSON lines of tifa-dask give them
cat > bygid.lua <<'LUA'
local lines = {}
local function side (s) return string.format("%d %s %d %d %d", s.id, s.field, s.from - 1, s.to, s.paragraph or 0) end
for _, p in ipairs(db:reuse()) do
  lines[#lines + 1] = table.concat({side(p.source), side(p.target), p.chars, p.edits, tostring(p.directed),
                                    tostring(p.days), p.source.text, p.target.text}, " | ")
end
table.sort(lines)
for _, l in ipairs(lines) do print(l) end
LUA
cat > fromjson.py <<'PY'
import json, sys
lines, end = [], None
for l in sys.stdin:
    j = json.loads(l)
    if "end" in j:
        end = j
        continue
    side = lambda s: "%d %s %d %d %d" % (s["id"], s["field"], s["from"], s["to"], s["paragraph"])
    days = "nil" if j["days"] is None else str(j["days"])
    lines.append(" | ".join([side(j["source"]), side(j["target"]), str(j["chars"]), str(j["edits"]),
                             "true" if j["directed"] else "false", days, j["source"]["text"], j["target"]["text"]]))
for l in sorted(lines):
    print(l)
print("END", end["pairs"], end["articles"], end["candidates"] > 0)
PY

n=$("$TIFA" -d one.db run canon.lua one.txt '{}')
[ "$n" -gt 20 ] && pass || fail "one store: too few pairs to compare ($n)"

# the job: JSON Lines of the pairs, then a trailer; the pairs written back
run dask corp reuse
expect_rc 0 "tifa-dask reuse"
echo "$OUT" >dask.json
left=$(stray); [ -z "$left" ] && pass || fail "processes left: $left"
expect_eq "$(ls -A tmp)" "" "temporary files removed"
[ -f corp/reuse.db ] && pass || fail "the pairs are written back to corp/reuse.db"
expect_eq "$(sql corp/reuse.db 'SELECT count(*) FROM reuse_pair')" "$n" "as many pairs written back as one store finds"
/usr/bin/python3 fromjson.py <dask.json >dask.txt
expect_eq "$(tail -1 dask.txt)" "END $n 73 True" "the trailer: pairs, articles, candidates"
"$TIFA" -d corp run bygid.lua >corp.txt
cmp -s <(sed '$d' dask.txt) corp.txt && pass || fail "JSON lines differ from db:reuse: $(diff <(sed '$d' dask.txt) corp.txt | head -4)"

# db:reuse on the corpus (reading what was written back) is one store's answer
"$TIFA" -d corp run canon.lua corp1.txt '{}' >/dev/null
cmp -s one.txt corp1.txt && pass || fail "db:reuse after tifa-dask differs from one store: $(diff one.txt corp1.txt | head -4)"

# it reads them: an edit of the saved pairs shows; options not saved are computed
sql corp/reuse.db 'UPDATE reuse_pair SET edits = 97'
run "$TIFA" -d corp -e 'local r = db:reuse() local e = 0 for _, p in ipairs(r) do if p.edits == 97 then e = e + 1 end end print(#r, e)'
expect_eq "$OUT" "$n	$n" "db:reuse reads the pairs written back"
run "$TIFA" -d corp -e 'local r = db:reuse{min_chars = 30} local e = 0 for _, p in ipairs(r) do if p.edits == 97 then e = e + 1 end end print(e)'
expect_eq "$OUT" "0" "other options are computed"

# with options: the job's answer is one store's for the same options
"$TIFA" -d one.db run canon.lua one30.txt '{min_chars = 30, within = true, max_df = 8}' >/dev/null
run dask corp reuse --min-chars 30 --within --max-df 8 -q
expect_rc 0 "tifa-dask reuse with options"
expect_eq "$OUT" "" "-q prints nothing"
"$TIFA" -d corp run canon.lua corp30.txt '{min_chars = 30, within = true, max_df = 8}' >/dev/null
cmp -s one30.txt corp30.txt && pass || fail "with options, differs from one store: $(diff one30.txt corp30.txt | head -4)"
expect_eq "$(sql corp/reuse.db 'SELECT count(*) FROM reuse_run')" "2" "one answer kept per set of options"

# a shard that changes makes the saved pairs stale: db:reuse computes again
printf '# 新文件\n\n一段新的文字，不与任何文章重复。\n' >new.md
run "$TIFA" -d corp ingest -q new.md
run "$TIFA" -d corp -e 'local e = 0 for _, p in ipairs(db:reuse()) do if p.edits == 97 then e = e + 1 end end print(e)'
expect_eq "$OUT" "0" "after an ingest the saved pairs are not read"

# failures: a bad option before any cluster; a step that fails is named, exit 1
run dask corp reuse --no-such-option
expect_rc 2 "an unknown option of reuse"
expect_err "unknown option '--no-such-option' for reuse" "names it"
chmod 000 corp/s2.db
run dask corp reuse -q --no-save
chmod 644 corp/s2.db
if [ "$(id -u)" != 0 ]; then
  expect_rc 1 "an unreadable shard"
  expect_err "tifa-dask: shard 2:" "names the shard"
fi
left=$(stray); [ -z "$left" ] && pass || fail "processes left after a failure: $left"
expect_eq "$(ls -A tmp)" "" "temporary files removed after a failure"

# the steps' files are checked: a file that is not what a step reads is named
echo "not a sketch" >bad
run "$TIFA" reuse-step sum -o out bad
expect_rc 1 "sum of a bad sketch"
expect_err "'bad' is not a reuse sketch of this machine" "names the file"
run "$TIFA" reuse-step pairs --section 1 --sections 2 -o out bad
expect_rc 1 "pairs of bad postings"
expect_err "'bad' is not a file of reuse postings" "names the file"
[ ! -e out ] && pass || fail "a failed step leaves no output file"
run "$TIFA" reuse-step nonesuch
expect_rc 2 "an unknown step"
expect_err "unknown step 'nonesuch'" "names it"
finish
