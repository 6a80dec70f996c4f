-- search.lua -- search latency, in process: tifa -d STORE run bench/search.lua ROUNDS Q1 Q2 ...
-- For each query, runs a ranked top-20 search with snippets ROUNDS times and prints
-- "query<TAB>hits<TAB>median ms<TAB>min ms<TAB>max ms"; the last line is the median over all
-- queries' medians.
local rounds = tonumber(arg[1]) or 5
local qs = {table.unpack(arg, 2)}
local function median (t)
  table.sort(t)
  local n = #t
  return n % 2 == 1 and t[(n + 1) // 2] or (t[n // 2] + t[n // 2 + 1]) / 2
end
local meds = {}
for _, q in ipairs(qs) do
  local times, hits = {}, 0
  db:search(q, {limit = 20})                      -- warm the page cache
  for _ = 1, rounds do
    local t0 = os.clock()
    local h = assert(db:search(q, {limit = 20}))
    times[#times + 1] = (os.clock() - t0) * 1000
    hits = #h
  end
  local m = median(times)
  meds[#meds + 1] = m
  print(string.format("%s\t%d\t%.2f\t%.2f\t%.2f", q, hits, m, math.min(table.unpack(times)),
                      math.max(table.unpack(times))))
end
print(string.format("median\t\t%.2f", median(meds)))
