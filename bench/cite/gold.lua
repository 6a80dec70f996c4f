-- bench/cite/gold.lua: db:citations scored against the gold set of citations made by hand
-- (tests/data/gold/citations.md), as tests/lua/cite_gold.lua scores it; writes a Markdown
-- section to standard output: accuracy on dev, heldout and all, by source, and the dev errors
-- (the heldout errors are counted, never listed: they are the lead's check).
--   tifa run bench/cite/gold.lua >> bench/CITE.md
local src = debug.getinfo(1, "S").source:match("^@(.-)bench/cite/[^/]*$") or "./"
local G = dofile(src .. "tests/lua/support/citegold.lua")
local r = assert(G.score(tifa, src .. "tests/data/gold"))
local out = {}
local function p (...) out[#out + 1] = string.format(...) end
local function acc (x) return x.n > 0 and string.format("%.3f (%d/%d)", x.ok / x.n, x.ok, x.n) or "n/a" end

p("## Accuracy on the gold set of citations")
p("")
p("Gold: `tests/data/gold/citations.jsonl` (%d citations in %d documents, built by hand apart from", r.all.n, r.articles)
p("the code; see `tests/data/gold/citations.md`). All the documents are ingested as one JSON Lines")
p("file into a new store; each gold citation is found in its article and tifa's reading there is")
p("judged as `tests/lua/support/citegold.lua` says (self-references, titles by key, null = unresolved).")
p("Command: `tifa run bench/cite/gold.lua >> bench/CITE.md` (%.2f s CPU with the ingest).", r.seconds)
p("")
p("| split | accuracy |")
p("|---|---:|")
p("| dev | %s |", acc(r.dev))
p("| heldout | %s |", acc(r.heldout))
p("| all | %s |", acc(r.all))
p("")
local srcs = {}
for k in pairs(r.bysource) do srcs[#srcs + 1] = k end
table.sort(srcs)
local t = {}
for _, k in ipairs(srcs) do t[#t + 1] = k .. " " .. acc(r.bysource[k]) end
p("By source (dev and heldout): %s.", table.concat(t, ", "))
p("")
p("Errors on dev (cite, nth → wanted / tifa's reading):")
p("")
local nheld = 0
for _, e in ipairs(r.errors) do
  if e.item.split == "dev" then
    local want = e.item.refers == nil and "null (unresolved)" or e.item.refers
    p("- %s %s %s #%d → %s / %s", e.item.id, e.item.doc, (e.item.cite:gsub("\n", "⏎")), e.item.nth, want, e.got)
  else
    nheld = nheld + 1
  end
end
p("")
p("Heldout errors: %d (not listed).", nheld)
print(table.concat(out, "\n"))
