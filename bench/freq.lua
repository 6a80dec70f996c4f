-- bench/freq.lua -- counting the words and the char bigrams of a text three ways: a Lua
-- table over the list tifa.text.words(s) / ngrams(s, 2) gives, tifa.text.freq of that list,
-- and tifa.text.freq(s), which counts the text in C with no Lua string per token.
--   tifa run bench/freq.lua FILE MODE    runs one MODE once (for hyperfine), prints nothing
--   tifa run bench/freq.lua FILE check   checks that the three ways give the same list
--   tifa run bench/freq.lua FILE all     times every MODE in this process (os.clock, best of 3)
-- MODE: read (only read FILE), then for U in words, char2: U-list (making the list only),
-- U-lua (a Lua table over the list), U-luasort (that, then sorted into freq's pairs),
-- U-freqlist (freq of the list), U-freq (freq of the text, in C).
local file, mode = arg[1], arg[2]
assert(file and mode, "usage: tifa run bench/freq.lua FILE MODE|check|all")
local f = assert(io.open(file, "rb"))
local s = f:read("a")
f:close()
local text = tifa.text

local function list (unit)
  if unit == "words" then return text.words(s) end
  return text.ngrams(s, 2)
end

local function lua (unit)
  local c = {}
  for _, w in ipairs(list(unit)) do c[w] = (c[w] or 0) + 1 end
  return c
end

local function luasort (unit)
  local r = {}
  for w, n in pairs(lua(unit)) do r[#r + 1] = {w, n} end
  table.sort(r, function (a, b)
    if a[2] ~= b[2] then return a[2] > b[2] end
    return a[1] < b[1]
  end)
  return r
end

local opts = {words = {}, char2 = {unit = "char", n = 2}}

local modes = {
  read = function () return #s end,
}
for _, u in ipairs{"words", "char2"} do
  modes[u .. "-list"] = function () return list(u) end
  modes[u .. "-lua"] = function () return lua(u) end
  modes[u .. "-luasort"] = function () return luasort(u) end
  modes[u .. "-freqlist"] = function () return text.freq(list(u)) end
  modes[u .. "-freq"] = function () return text.freq(s, opts[u]) end
end
local order = {"read", "words-list", "words-lua", "words-luasort", "words-freqlist", "words-freq",
               "char2-list", "char2-lua", "char2-luasort", "char2-freqlist", "char2-freq"}

local function same (a, b)
  if #a ~= #b then return false end
  for i = 1, #a do
    if a[i][1] ~= b[i][1] or a[i][2] ~= b[i][2] then return false end
  end
  return true
end

if mode == "check" then
  for _, u in ipairs{"words", "char2"} do
    local a, b, c = luasort(u), text.freq(list(u)), text.freq(s, opts[u])
    assert(same(a, b) and same(b, c), u .. ": the three counts differ")
    print(string.format("%s: %d distinct, %d tokens, the same three ways; top: %s %d",
                        u, #c, (function () local t = 0 for _, p in ipairs(c) do t = t + p[2] end return t end)(),
                        c[1][1], c[1][2]))
  end
elseif mode == "all" then
  print(string.format("%-16s %8s %8s", "mode", "seconds", "MB/s"))
  for _, m in ipairs(order) do
    local best = math.huge
    for _ = 1, 3 do
      collectgarbage()
      local t = os.clock()
      modes[m]()
      best = math.min(best, os.clock() - t)
    end
    print(string.format("%-16s %8.3f %8s", m, best, m == "read" and "-" or string.format("%.1f", #s / best / 1e6)))
  end
else
  assert(modes[mode], "unknown mode '" .. mode .. "'")
  modes[mode]()
end
