-- bench/scale.lua -- one analytic on the store given with -d, timed in process (os.clock, CPU
-- seconds); prints "seconds result" (result: lines, words, matches or pairs). For bench/run.
--   tifa -d STORE run bench/scale.lua kwic|freq|track|reuse [MAX_DF]
--   tifa -d STORE run bench/scale.lua pair     the seeds' Xinhua report vs 新闻联播 (a table)
--   tifa -d STORE run bench/scale.lua dump OUT one article a line (title and text) for peers
local what, arg1 = ...
local function clock (f) local t = os.clock(); local r = f(); return r, os.clock() - t end
local ten = {"新质生产力", "高质量发展", "稳中求进、以进促稳、先立后破", "中国式现代化", "共同富裕",
             "一带一路", "人类命运共同体", "乡村振兴", "全过程人民民主", "两个确立"}
if what == "kwic" then
  local r, t = clock(function () return db:kwic("发展") end)
  print(string.format("%.3f %d", t, #r))
elseif what == "freq" then
  local r, t = clock(function () return db:freq() end)
  print(string.format("%.3f %d", t, #r))
elseif what == "track" then
  local r, t = clock(function () return db:track(ten, {by = "month"}) end)
  local n = 0
  for _, f in ipairs(r) do n = n + f.total end
  print(string.format("%.3f %d", t, n))
elseif what == "reuse" then
  local opts = {}
  if arg1 then opts.max_df = tonumber(arg1) end
  local r, t = clock(function () return db:reuse(opts) end)
  print(string.format("%.3f %d", t, #r))
elseif what == "dump" then
  local f = assert(io.open(arg1, "w"))
  for a in db:articles() do f:write(((a.title or "") .. " " .. (a.text or "")):gsub("[\r\n]+", " "), "\n") end
  f:close()
  print("0 dumped")
elseif what == "pair" then
  local x
  for a in db:articles{outlet = "新华社"} do if a.title:find("西部大开发", 1, true) then x = a end end
  if not x then print("0 the Xinhua report is not in this store") return end
  local r = db:reuse{self = false}
  local rows = {}
  for _, p in ipairs(r) do
    local mine, other = p.source, p.target
    if p.target.id == x.id then mine, other = p.target, p.source end
    if mine.id == x.id then
      local o = other.article
      if o.date and o.date >= "2024-04-23" and o.date <= "2024-04-25" then
        rows[#rows + 1] = string.format("| #%d | %s | %s | %s %d-%d | %s %d-%d | %d | %s |", o.id, o.date,
          o.title, other.field, other.from, other.to, mine.field, mine.from, mine.to, p.chars,
          tifa.text.truncate(p.source.text:gsub("%s+", " "), 40))
      end
    end
  end
  print(string.format("%d pairs of the Xinhua report #%d (date %s) %s with 新闻联播 items of 2024-04-23..25:",
    #rows, x.id, x.date, x.title))
  print()
  print("| 新闻联播 article | date | title | its side | report side | chars | passage |")
  print("|---|---|---|---|---|---|---|")
  for _, l in ipairs(rows) do print(l) end
else
  error("usage: tifa -d STORE run bench/scale.lua kwic|freq|track|reuse|pair|dump", 0)
end
