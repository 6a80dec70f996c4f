-- compare: the words one set of articles over- and under-uses against another (keyness)
--
-- Each set is given by filters FIELD=VALUE, one per --target / --reference option, all of
-- them holding: FIELD is outlet, author, since, until, title or id (id=4,5,6: those
-- articles). Without --reference, the reference is the rest of the corpus. Rows by
-- log-likelihood (db:keyness): counts in both sets, G2, log ratio, significance.
--   tifa run compare --target outlet=内蒙古日报
--   tifa run compare --target outlet=内蒙古日报 --reference outlet=新华社 --direction over
--   tifa run compare --target since=2024-01-01 --reference until=2023-12-31 --measure log_ratio
--
-- @param target     string+      a filter FIELD=VALUE of the target set (repeat to add)
-- @param reference  string*      a filter FIELD=VALUE of the reference (none: the rest)
-- @param top        integer=20   rows to show
-- @param min        integer=3    least count in both sets together
-- @param measure    ll|log_ratio=ll  the order of the rows
-- @param direction  both|over|under=both  which words to show
-- @param stopwords  string*      stopword lists or words to leave out
-- @param format     table|csv|json=table  how to write the rows
-- @param output     path         write to this file instead of standard output

-- "--stopwords function,punct" as well as "--stopwords function --stopwords punct"
local function split (list)
  local out = {}
  for _, s in ipairs(list) do for w in s:gmatch("[^,]+") do out[#out + 1] = w end end
  return #out > 0 and out or nil
end

local fields = {outlet = true, author = true, since = true, ["until"] = true, title = true, id = true}

local function parse (list, what)
  local f = {}
  for _, s in ipairs(list) do
    local k, v = s:match("^([%a_]+)=(.+)$")
    if not k or not fields[k] then
      io.stderr:write("compare: bad --", what, " '", s, "' (FIELD=VALUE expected, FIELD one of ",
                      "outlet, author, since, until, title, id)\n")
      os.exit(2)
    end
    if k == "id" then
      local ids = {}
      for n in v:gmatch("[^,]+") do
        local id = math.tointeger(tonumber(n))
        if not id then io.stderr:write("compare: bad id '", n, "'\n") os.exit(2) end
        ids[#ids + 1] = id
      end
      return ids
    end
    f[k] = v
  end
  return f
end

local target = parse(params.target, "target")
local reference = #params.reference > 0 and parse(params.reference, "reference") or nil
local rows, msg = db:keyness(target, reference, {top = params.top, min = params.min,
  measure = params.measure, direction = params.direction,
  stopwords = split(params.stopwords)})
if not rows then
  io.stderr:write("compare: ", msg, "\n")
  os.exit(1)
end
for _, r in ipairs(rows) do
  r.ll = string.format("%.2f", r.ll)
  r.log_ratio = string.format("%.2f", r.log_ratio)
end
local ok, err = tifa.out[params.format](rows, {columns = {"word", "target_count", "reference_count",
  "ll", "log_ratio", "sig", "direction"}, file = params.output})
if not ok then error(err, 0) end
