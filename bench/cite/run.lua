-- bench/cite/run.lua: db:quotes and db:citations over a whole store, and the SVG of the
-- top-50 citation graph; writes the results table (markdown) to standard output.
--   tifa -d /tmp/xwlb.db run bench/cite/run.lua > bench/CITE.md
--   tifa run bench/cite/gold.lua >> bench/CITE.md       (accuracy on the gold set)
local function clock () return os.clock() end
local out = {}
local function p (...) out[#out + 1] = string.format(...) end
local n = db:sql("SELECT count(*) AS n, sum(nchars) AS c FROM article")[1]

local t0 = clock(); local qs = db:quotes(); local tq = clock() - t0
t0 = clock(); local qu = db:quotes{unattributed = true}; local tqu = clock() - t0
t0 = clock(); local cs = db:citations(); local tc = clock() - t0
t0 = clock(); local top = db:citations{top = 50}; local ttop = clock() - t0
t0 = clock(); local dot = tifa.graph.dot(top); local tdot = clock() - t0
t0 = clock(); local svg, err = tifa.graph.svg(top); local tsvg = clock() - t0
t0 = clock(); local svg2 = tifa.graph.svg(top, {layout = "sfdp"}); local tsfdp = clock() - t0

local multi, multiq = 0, 0
for _, g in ipairs(qs) do if g.articles >= 2 then multi = multi + 1 end end
for _, g in ipairs(qu) do if g.articles >= 2 then multiq = multiq + 1 end end
local unres, nself = 0, 0
for _, d in ipairs(cs.documents) do if not d.resolved then unres = unres + 1 end end
for _, s in ipairs(cs.self) do nself = nself + s.count end

p("# CITE: quotations by speaker, citation graph, SVG")
p("")
p("Store: %s (%d articles, %d characters), read-only. CPU seconds (os.clock), one run, this machine.", db.path, n.n, n.c)
p("Command: `tifa -d %s run bench/cite/run.lua > bench/CITE.md`, the store made by", db.path)
p("`tifa -d %s ingest ../shared/corpora/xwlb/news` (no named peer: no other tool groups", db.path)
p("quotations by speaker or resolves 《》 aliases; Graphviz's own `dot` program is not installed).")
p("")
p("| what | time (s) | result |")
p("|---|---:|---|")
p("| `db:quotes()` | %.2f | %d groups, %d in 2+ articles |", tq, #qs, multi)
p("| `db:quotes{unattributed = true}` | %.2f | %d groups, %d in 2+ articles |", tqu, #qu, multiq)
p("| `db:citations()` | %.2f | %d documents (%d generic short forms unresolved), %d edges, %d self-references in %d articles |",
  tc, #cs.documents, unres, #cs.edges, nself, #cs.self)
p("| `db:citations{top = 50}` | %.2f | %d nodes, %d edges |", ttop, #top.nodes, #top.edges)
p("| `tifa.graph.dot` (top 50) | %.3f | %d bytes |", tdot, #dot)
p("| `tifa.graph.svg` (top 50, dot layout; first call loads Graphviz) | %.2f | %s |", tsvg, svg and (#svg .. " bytes") or err)
p("| `tifa.graph.svg` (top 50, sfdp layout) | %.2f | %s |", tsfdp, svg2 and (#svg2 .. " bytes") or "failed")
p("")
p("## Top quotation groups (speaker, articles, count, first, text)")
p("")
p("| speaker | articles | count | first | text |")
p("|---|---:|---:|---|---|")
for i = 1, math.min(15, #qs) do
  local g = qs[i]
  p("| %s | %d | %d | %d %s | %s |", g.speaker, g.articles, g.count, g.first.id, g.first.date or "",
    (tifa.text.sub(g.text, 1, 50):gsub("|", "/")))
end
local sp = {}
for _, g in ipairs(qs) do sp[g.speaker] = (sp[g.speaker] or 0) + g.count end
local spl = {}
for k, v in pairs(sp) do spl[#spl + 1] = {k, v} end
table.sort(spl, function (a, b) return a[2] > b[2] end)
p("")
p("Most quoted speakers (quotations): " .. (function ()
  local t = {}
  for i = 1, math.min(12, #spl) do t[#t + 1] = spl[i][1] .. " " .. spl[i][2] end
  return table.concat(t, ", ")
end)())
p("")
p("## Top cited documents (articles, count, kind, title, aliases)")
p("")
p("| articles | count | kind | title | aliases |")
p("|---:|---:|---|---|---|")
for i = 1, math.min(20, #cs.documents) do
  local d = cs.documents[i]
  local al = {}
  for j = 1, math.min(3, #d.aliases) do al[#al + 1] = d.aliases[j] end
  p("| %d | %d | %s | %s | %s |", d.narticles, d.count, d.kind, d.title, table.concat(al, " / "))
end
local how = {}
for _, d in ipairs(cs.documents) do
  for _, a in ipairs(d.articles) do for _, o in ipairs(a.offsets) do how[o.how] = (how[o.how] or 0) + 1 end end
end
local ht = {}
for k, v in pairs(how) do ht[#ht + 1] = k .. " " .. v end
table.sort(ht)
p("")
ht[#ht + 1] = "self " .. nself
p("Citations by resolution (`how`): " .. table.concat(ht, ", "))
print(table.concat(out, "\n"))
