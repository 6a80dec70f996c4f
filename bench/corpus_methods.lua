-- corpus_methods.lua -- the CPU seconds of db methods that read the whole corpus at once, for
-- bench/shards_scale: one line "method<TAB>seconds<TAB>size of the answer" each. Run on a
-- store and on a corpus of shards holding the same files.
local function time (name, f)
  local t = os.clock()
  local r = f()
  print(string.format("%s\t%.2f\t%d", name, os.clock() - t, type(r) == "table" and #r or 0))
end
local set = {since = "2024-01-01"}
time("keywords (2024-)", function () return db:keywords(set, {top = 20}) end)
time("keyness (2024- against the rest)", function () return db:keyness(set, nil, {top = 20}) end)
time("collocates of 发展", function () return db:collocates("发展", {top = 20}) end)
time("freq by year", function () return db:freq{by = "year", top = 20} end)
time("quotes", function () return db:quotes() end)
time("citations", function () return db:citations() end)
time("duplicates", function () return db:duplicates() end)
