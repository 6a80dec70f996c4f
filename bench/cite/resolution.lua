-- bench/cite/resolution.lua: db:citations() over a whole store, best CPU time of 3 runs, and
-- how its citations were resolved; prints one line "seconds; documents; how counts".
--   tifa -d /tmp/laws.db run bench/cite/resolution.lua
local best, c = math.huge, nil
for _ = 1, 3 do
  local t0 = os.clock()
  c = db:citations()
  best = math.min(best, os.clock() - t0)
end
local how = {}
for _, d in ipairs(c.documents) do
  for _, a in ipairs(d.articles) do
    for _, o in ipairs(a.offsets) do how[o.how] = (how[o.how] or 0) + 1 end
  end
end
local ns = 0
for _, s in ipairs(c.self or {}) do ns = ns + s.count end   -- no c.self before issue 19
local t = {}
for k, v in pairs(how) do t[#t + 1] = k .. " " .. v end
table.sort(t)
print(string.format("%.2f s; %d documents; %s%s", best, #c.documents, table.concat(t, ", "),
                    c.self and (", self " .. ns) or ""))
