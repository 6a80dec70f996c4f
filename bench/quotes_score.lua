-- bench/quotes_score.lua -- speaker precision and recall of tifa's quotations against the gold
-- set (rules in tests/lua/support/quotegold.lua):
--   tifa run bench/quotes_score.lua [GOLD.jsonl] [errors SPLIT]
-- prints a Markdown table by split and by source; with "errors dev", the dev items that tifa
-- gets wrong (study only those: the heldout items are the check).
local dir = ((arg and arg[0]) or ""):match("^(.-)[^/]*$")
local G = dofile(dir .. "../tests/lua/support/quotegold.lua")
local gold = arg[1] or (dir .. "../tests/data/gold/quotes.jsonl")
local items = G.load(gold)
local clock = os.clock()
local res = G.run(tifa, items)
print(string.format("%.2f", os.clock() - clock))
print()
print("| items | n | quotes | terms | gold speakers | speakers given | correct | precision | recall |")
print("|---|---|---|---|---|---|---|---|---|")
local function row (name, keep)
  local sub, subres, quotes = {}, {}, 0
  for i, it in ipairs(items) do
    if keep(it) then
      sub[#sub + 1] = it; subres[#subres + 1] = res[i]
      if it.kind == "quote" then quotes = quotes + 1 end
    end
  end
  local s = G.score(sub, subres)
  print(string.format("| %s | %d | %d | %d | %d | %d | %d | %.3f | %.3f |", name, s.n, quotes, s.n - quotes,
                      s.gold, s.given, s.correct, s.precision, s.recall))
end
row("dev", function (it) return it.split == "dev" end)
row("heldout", function (it) return it.split == "heldout" end)
row("**all**", function () return true end)
for _, src in ipairs{"seeds", "xwlb", "gov_reports", "laws"} do
  row("all, " .. src, function (it) return it.source:sub(1, #src + 1) == src .. "/" end)
end
if arg[2] == "errors" then
  print()
  for i, it in ipairs(items) do
    local r = res[i]
    if it.split == (arg[3] or "dev") and not G.correct(it, r) and (r.speaker or (it.kind == "quote" and it.speaker)) then
      print(string.format("%s %s gold=%s tifa=%s | %s", it.id, it.kind, it.speaker or "-", r.speaker or "-",
                          it.quote:sub(1, 60)))
    end
  end
end
