-- cite_gold.lua -- db:citations scored against the gold set of citations made by hand
-- (tests/data/gold/citations.md: 780 citations in 143 documents of laws, government work
-- and congress reports, xwlb and the seeds; split into dev and heldout). All the documents
-- are ingested as the one JSON Lines file they are, so a short form resolved from another
-- record of the file would count as an error. Accuracy must be at least 0.97 on the whole
-- set (support/citegold.lua says what is correct). bench/cite/gold.lua prints the table.
print "testing citations against the gold set"

local tifa = tifa or require "tifa"
local here = ((arg and arg[0]) or ""):match("^(.-)[^/]*$")
local T = dofile(here .. "support/check.lua")
local G = dofile(here .. "support/citegold.lua")

local r, err = G.score(tifa, here .. "../data/gold")
if not r then                                       -- the set is built by hand, apart
  print("skipped: " .. err)
  return
end
local function acc (x) return x.n > 0 and x.ok / x.n or 0 end
print(string.format("dev %.3f (%d/%d), heldout %.3f (%d/%d), all %.3f (%d/%d)", acc(r.dev), r.dev.ok,
                    r.dev.n, acc(r.heldout), r.heldout.ok, r.heldout.n, acc(r.all), r.all.ok, r.all.n))
T.eq(r.records_failed, 0, "every gold document ingested")
T.check(r.all.n >= 200, "at least 200 gold citations, got " .. r.all.n)
T.check(acc(r.all) >= 0.97, string.format("accuracy %.3f on all %d, want 0.97", acc(r.all), r.all.n))
T.finish()
