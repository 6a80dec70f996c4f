-- bench/lexis_time.lua -- times of the lexis analytics on the store given with -d (see bench/lexis)
local runs = tonumber(os.getenv("RUNS") or "3")
local out = assert(os.getenv("LEXIS_TEXTS"))
local function median (f)
  local t = {}
  for i = 1, runs do local c = os.clock(); f(); t[i] = os.clock() - c end
  table.sort(t)
  return t[(runs + 1) // 2]
end
-- the 100 articles: every 200th id; their texts for jieba
local ids = {}
for a in db:articles() do if a.id % 200 == 0 and #ids < 100 then ids[#ids + 1] = a.id end end
local f = assert(io.open(out, "w"))
for _, id in ipairs(ids) do local a = db:article(id); f:write((a.title .. "\n" .. a.text):gsub("[\r\n]+", " "), "\n") end
f:close()
local years = db:sql("SELECT substr(date,1,4) AS y, count(*) AS n FROM article GROUP BY y ORDER BY n DESC")
local year = years[1].y
local rows = {
  {"db:freq{} (whole corpus, words)", median(function () db:freq{} end)},
  {"db:freq{by='month'} (words)", median(function () db:freq{by = "month", top = 20} end)},
  {"db:freq{unit='char'} (whole corpus)", median(function () db:freq{unit = "char"} end)},
  {"100 x a:keywords{method='tfidf'}", median(function () for _, id in ipairs(ids) do db:article(id):keywords{} end end)},
  {"100 x a:keywords{method='textrank'}", median(function () for _, id in ipairs(ids) do db:article(id):keywords{method = "textrank"} end end)},
  {"db:keyness(year " .. year .. ", rest)", median(function () assert(db:keyness({since = year .. "-01-01", ["until"] = year .. "-12-31"}, nil, {top = 50})) end)},
  {"db:collocates('发展')", median(function () db:collocates("发展", {top = 50}) end)},
  {"db:summary of the 100 articles", median(function () for _, id in ipairs(ids) do db:summary(id) end end)},
}
for _, r in ipairs(rows) do print(string.format("%s\t%.3f", r[1], r[2])) end
