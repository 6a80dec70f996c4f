# dask_script.sh -- python/tifa-dask's 'script' analytic on a LocalCluster of 2 worker
# processes: a Lua script's parts run as Dask tasks on a 3-shard corpus and merged by the
# script give what 'tifa part script' + 'tifa merge --script' give and what one store gives
# computed directly; --sandbox passes through; a script failing on the shards is named with
# Lua's line and exits 1; nothing is left running or on disk afterwards. Skipped (77)
# without Debian's python3-distributed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/dask.inc"

# a word's matches and articles per year: counted per shard, summed by merge
mkdir scripts
cat >scripts/peryear.lua <<'EOF'
function part(db, word)
  local _, per = assert(db:count(word))
  local years = {}
  for id, n in pairs(per) do
    local y = (db:article(id).date or "none"):sub(1, 4)
    local t = years[y] or {n = 0, a = 0}
    t.n, t.a = t.n + n, t.a + 1
    years[y] = t
  end
  return years
end

function merge(parts, word)
  local years, ys = {}, {}
  for i = 1, parts.n do
    for y, t in pairs(parts[i]) do
      local s = years[y] or {n = 0, a = 0}
      s.n, s.a = s.n + t.n, s.a + t.a
      years[y] = s
    end
  end
  for y in pairs(years) do ys[#ys + 1] = y end
  table.sort(ys)
  for _, y in ipairs(ys) do print(word, y, years[y].n, years[y].a) end
  return #ys
end
EOF
# one store, computed directly (no part, no merge)
"$TIFA" -d one.db -e 'local word = "改革"
local _, per = assert(db:count(word))
local years, ys = {}, {}
for id, n in pairs(per) do
  local y = (db:article(id).date or "none"):sub(1, 4)
  local t = years[y] or {n = 0, a = 0}
  t.n, t.a = t.n + n, t.a + 1
  years[y] = t
end
for y in pairs(years) do ys[#ys + 1] = y end
table.sort(ys)
for _, y in ipairs(ys) do print(word, y, years[y].n, years[y].a) end
print(#ys)' >one.out
expect_eq "$?" 0 "one store's answer"
[ "$(wc -l <one.out)" -gt 2 ] && pass || fail "one store's answer has years: $(cat one.out)"
# the parts and their merge by hand
for s in 1 2 3; do "$TIFA" -d corp part script --shard $s scripts/peryear.lua 改革 >p$s || fail "part $s"; done
"$TIFA" merge --script scripts/peryear.lua p1 p2 p3 >pm.out
expect_eq "$?" 0 "part + merge by hand"
cmp -s one.out pm.out && pass || fail "part + merge differs from one store: $(diff one.out pm.out | head -5)"

# tifa-dask, from another directory (the script's relative path made absolute for the workers)
mkdir elsewhere
for sb in "" --sandbox; do
  (cd elsewhere && dask ../corp script $sb ../scripts/peryear.lua 改革) >dask.out 2>dask.err
  RC=$? ERR=$(cat dask.err)
  expect_rc 0 "tifa-dask script $sb"
  cmp -s one.out dask.out && pass || fail "tifa-dask $sb differs from one store: $(diff one.out dask.out | head -5)"
  cmp -s pm.out dask.out && pass || fail "tifa-dask $sb differs from part + merge"
  left=$(stray); [ -z "$left" ] && pass || fail "script $sb: processes left: $left"
done

# a script that fails on the shards: each shard named with Lua's message and line, exit 1
cat >scripts/fails.lua <<'EOF'
function part(db)
  return db:nosuchmethod()
end
function merge(parts) print("merged") end
EOF
run dask corp script scripts/fails.lua
expect_rc 1 "a failing part"
expect_err "tifa-dask: shard 1:" "names the shard"
expect_err "fails.lua:2:" "passes on Lua's message with the line"
expect_eq "$OUT" "" "no answer"
# a merge that fails: its message and exit status
cat >scripts/mergefails.lua <<'EOF'
function part(db) return 1 end
function merge(parts)
  error("cannot merge " .. parts.n)
end
EOF
run dask corp script scripts/mergefails.lua
expect_rc 1 "a failing merge"
expect_err "mergefails.lua:3: cannot merge 3" "merge's message with the line"
left=$(stray); [ -z "$left" ] && pass || fail "processes left after a failure: $left"
expect_eq "$(ls -A tmp)" "" "temporary files removed"

# the script is passed to the workers by its absolute path (they may run elsewhere)
got=$(/usr/bin/python3 -c 'import sys; from importlib.machinery import SourceFileLoader
m = SourceFileLoader("tifa_dask", sys.argv[1]).load_module()
print(*m.script_args(["--sandbox", "scripts/peryear.lua", "x"])[0], *m.script_args(["--sandbox", "scripts/peryear.lua", "x"])[1])' "$DASK")
expect_eq "$got" "--sandbox $(pwd -P)/scripts/peryear.lua x" "SCRIPT made absolute, --sandbox kept"

# usage errors come before any cluster
run dask corp script
expect_rc 2 "no script"; expect_err "script needs a SCRIPT" "says so"
run dask corp script --bad x.lua
expect_rc 2 "an unknown option"; expect_err "unknown option '--bad'" "says so"
finish
