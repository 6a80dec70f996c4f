-- reuse_shards.lua -- one analytic over the db (a store or a corpus of shards), timed in process;
-- its answer written canonically to OUT (articles by file#seq, as tests/cli/corpus_reuse.sh
-- writes them), so that a store's and a corpus's can be compared with cmp (bench/reuse_shards).
--   tifa -d DB run bench/reuse_shards.lua reuse|duplicates OUT
local what, outname = ...
local lines = {}
local function where (a) return a.file .. "#" .. a.seq end
local t = os.clock()
local r = what == "reuse" and db:reuse() or db:duplicates()
local cpu = os.clock() - t
if what == "reuse" then
  for _, p in ipairs(r) do
    local a = string.format("%s %s %d-%d", where(p.source.article), p.source.field, p.source.from, p.source.to)
    local b = string.format("%s %s %d-%d", where(p.target.article), p.target.field, p.target.from, p.target.to)
    local undirected = not p.directed and p.source.id ~= p.target.id
    if undirected and a > b then a, b = b, a end
    lines[#lines + 1] = table.concat({a, b, undirected and "-" or p.chars, p.edits, tostring(p.days)}, " | ")
  end
else
  for _, c in ipairs(r) do
    local m = {}
    for i, a in ipairs(c.articles) do m[i] = where(a) end
    table.sort(m)
    lines[#lines + 1] = string.format("%a %s", c.similarity, table.concat(m, " "))
  end
end
table.sort(lines)
local f = assert(io.open(outname, "w"))
for _, l in ipairs(lines) do f:write(l, "\n") end
f:close()
print(string.format("%.2f CPU s, %d %s", cpu, #r, what == "reuse" and "pairs" or "clusters"))
