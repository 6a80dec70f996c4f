-- bench/lexis_scale.lua -- CPU seconds (os.clock) of the corpus-wide lexis analytics on the
-- store given with -d: what issue 19 item 7 measures before and after the forward index.
--   tifa -d STORE run bench/lexis_scale.lua WHAT     (WHAT: one of the names below)
-- prints "seconds size" (size: rows, to see that the answer is the same size), or "- 0"
-- when this tifa has no such call (keyness by year and db:distinctive came with item 8).
local what = ...
local function ids (sql)
  local r = {}
  for _, row in ipairs(db:sql(sql)) do r[#r + 1] = row.id end
  return r
end
local year = "2024"
local runs = {
  collocates = function () return db:collocates("发展") end,
  freq_month = function () return db:freq{by = "month"} end,
  freq_set = function () return db:freq(ids("SELECT id FROM article WHERE date LIKE '" .. year .. "%'")) end,
  words_set = function () return db:words{articles = ids("SELECT id FROM article WHERE date LIKE '" .. year .. "%'")} end,
  keywords = function () return db:keywords(nil, {top = 30}) end,
  keywords_year = function () return db:keywords(ids("SELECT id FROM article WHERE date LIKE '" .. year .. "%'"), {top = 30}) end,
  keyness = function ()
    return db:keyness(ids("SELECT id FROM article WHERE date LIKE '" .. year .. "%'"))
  end,
  keyness_years = function () return db:keyness(nil, nil, {by = "year", top = 20}) end,
  distinctive = function () return db.distinctive and db:distinctive(nil, {top = 30}) end,
}
local f = runs[what] or error("unknown measure '" .. tostring(what) .. "'", 0)
local t = os.clock()
local ok, r = pcall(f)
if not ok or not r or (what == "keyness_years" and r[1] and r[1].rows == nil) then
  print("- 0")                                  -- this tifa has no such call
else
  print(string.format("%.3f %d", os.clock() - t, #r))
end
