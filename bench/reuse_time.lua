-- reuse_time.lua -- timings of db:reuse, db:duplicates, db:similar on a store (bench/reuse)
local what = ...
local function clock (f) local t = os.clock(); local r = f(); return r, os.clock() - t end
local n = 0
for _ in db:articles() do n = n + 1 end
if what == "reuse" then
  print("| articles (ids) | self | pairs | within one article | directed | CPU s |")
  print("|---|---|---|---|---|---|")
  for _, q in ipairs{0.25, 0.5, 0.75, 1} do
    local hi = math.floor(n * q + 0.5)
    for _, self in ipairs{true, false} do
      local r, t = clock(function () return db:reuse{where = "a.id <= ?", params = {hi}, self = self} end)
      local within, dir = 0, 0
      for _, p in ipairs(r) do
        if p.source.id == p.target.id then within = within + 1 end
        if p.directed then dir = dir + 1 end
      end
      print(string.format("| %d (1..%d) | %s | %d | %d | %d | %.2f |", hi, hi, tostring(self), #r, within, dir, t))
    end
  end
elseif what == "dup" then
  print("| threshold | clusters | articles in clusters | unique articles | CPU s |")
  print("|---|---|---|---|---|")
  for _, th in ipairs{0.8, 0.5} do
    local d, t = clock(function () return db:duplicates{threshold = th} end)
    local inc, uniq = 0, 0
    for _, c in ipairs(d) do inc = inc + #c.ids end
    for id, first in pairs(d.canonical) do if id == first then uniq = uniq + 1 end end
    print(string.format("| %.1f | %d | %d | %d | %.2f |", th, #d, inc, uniq, t))
  end
  local d = db:duplicates()
  table.sort(d, function (a, b) return #a.ids > #b.ids end)
  for i = 1, math.min(3, #d) do
    local a = d[i].articles[1]
    print(string.format("\nlargest cluster %d: %d articles, similarity %.2f, first printing %d %s %s", i, #d[i].ids,
      d[i].similarity, a.id, a.date or "", a.title))
  end
elseif what == "similar" then
  print("| article | date | title | top hit | score | shared | CPU s |")
  print("|---|---|---|---|---|---|---|")
  local tot = 0
  for k = 1, 10 do
    local id = math.floor(n * k / 11)
    local a = db:article(id)
    local r, t = clock(function () return db:similar(id, {top = 5}) end)
    tot = tot + t
    local h = r[1]
    print(string.format("| %d | %s | %s | %d %s | %.3f | %s | %.2f |", id, a.date or "", a.title, h.id,
      h.article.title, h.score, table.concat(h.shared, " "), t))
  end
  print(string.format("\nmean %.2f s per call", tot / 10))
elseif what == "xinhua" then
  local x
  for a in db:articles{outlet = "新华社"} do if a.title:find("西部大开发", 1, true) then x = a.id end end
  local r, t = clock(function () return db:reuse{self = false} end)
  print(string.format("db:reuse{self = false} over %d articles: %d pairs, %.2f s CPU; those of the Xinhua report (id %d, date %s):\n", n, #r, t, x, db:article(x).date))
  print("| other article | date | title | other side | report side | chars | passage |")
  print("|---|---|---|---|---|---|---|")
  for _, p in ipairs(r) do
    if p.source.id == x or p.target.id == x then
      local o, me = p.source, p.target
      if o.id == x then o, me = me, o end
      print(string.format("| %d | %s | %s | %s %d-%d | %s %d-%d | %d | %s |", o.id, o.article.date or "",
        o.article.title, o.field, o.from, o.to, me.field, me.from, me.to, p.chars, (o.text:gsub("\n", " "))))
    end
  end
end
