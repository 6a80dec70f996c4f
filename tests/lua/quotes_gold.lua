-- quotes_gold.lua -- tifa's quotation speakers against the hand-made gold set
-- tests/data/gold/quotes.jsonl (480 items from the seeds, xwlb, government work reports and
-- laws; see quotes.md there): on the whole set, speaker precision >= 0.95 and recall >= 0.85
-- (rules and figures: tests/lua/support/quotegold.lua and bench/QUOTES.md).
-- Runs in the tifa host and in stock lua5.4 through require "tifa".
print "testing quotation speakers against the gold set"

local tifa = tifa or require "tifa"
local dir = ((arg and arg[0]) or ""):match("^(.-)[^/]*$")
local T = dofile(dir .. "support/check.lua")
local G = dofile(dir .. "support/quotegold.lua")
local check = T.check

local items = G.load(dir .. "../data/gold/quotes.jsonl")
check(#items >= 200, "at least 200 gold items, got " .. #items)
local res = G.run(tifa, items)
for _, split in ipairs{"dev", "heldout", "all"} do
  local s = G.score(items, res, split ~= "all" and split or nil)
  print(string.format("%-8s items %3d  speakers: gold %3d  given %3d  correct %3d  precision %.3f  recall %.3f",
                      split, s.n, s.gold, s.given, s.correct, s.precision, s.recall))
  if split == "all" then
    check(s.found == s.n, "every gold quotation is among tifa's: " .. s.found .. " of " .. s.n)
    check(s.precision >= 0.95, string.format("speaker precision %.3f >= 0.95", s.precision))
    check(s.recall >= 0.85, string.format("speaker recall %.3f >= 0.85", s.recall))
  end
end
T.finish()
