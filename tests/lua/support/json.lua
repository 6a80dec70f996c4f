-- support/json.lua -- a small JSON reader for test data (loaded with dofile, not a test of
-- its own): decode(s) -> value, or raises "invalid JSON at byte N". Objects become tables,
-- arrays lists, null nil (an object's null member is left out); lines(path) iterates over the
-- values of a JSON Lines file, skipping blank lines.
local J = {}

local escapes = {['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n",
                 r = "\r", t = "\t"}

local function fail (s, i) error(string.format("invalid JSON at byte %d", i), 0) end

local function skip (s, i) return (s:find("[^ \t\r\n]", i)) or #s + 1 end

local value

local function str (s, i)                 -- s[i] is '"'; returns the string and the next byte
  local out, j = {}, i + 1
  while true do
    local k = s:find('["\\]', j)
    if not k then fail(s, i) end
    out[#out + 1] = s:sub(j, k - 1)
    if s:sub(k, k) == '"' then return table.concat(out), k + 1 end
    local e = s:sub(k + 1, k + 1)
    if e == "u" then
      local cp = tonumber(s:sub(k + 2, k + 5), 16) or fail(s, k)
      j = k + 6
      if cp >= 0xD800 and cp <= 0xDBFF and s:sub(j, j + 1) == "\\u" then   -- a surrogate pair
        local lo = tonumber(s:sub(j + 2, j + 5), 16) or fail(s, j)
        cp = 0x10000 + (cp - 0xD800) * 0x400 + (lo - 0xDC00)
        j = j + 6
      end
      out[#out + 1] = utf8.char(cp)
    else
      out[#out + 1] = escapes[e] or fail(s, k)
      j = k + 2
    end
  end
end

function value (s, i)
  i = skip(s, i)
  local c = s:sub(i, i)
  if c == "{" then
    local t = {}
    i = skip(s, i + 1)
    if s:sub(i, i) == "}" then return t, i + 1 end
    while true do
      if s:sub(i, i) ~= '"' then fail(s, i) end
      local k, v
      k, i = str(s, i)
      i = skip(s, i)
      if s:sub(i, i) ~= ":" then fail(s, i) end
      v, i = value(s, i + 1)
      t[k] = v
      i = skip(s, i)
      c = s:sub(i, i)
      if c == "}" then return t, i + 1 end
      if c ~= "," then fail(s, i) end
      i = skip(s, i + 1)
    end
  elseif c == "[" then
    local t, n = {}, 0
    i = skip(s, i + 1)
    if s:sub(i, i) == "]" then return t, i + 1 end
    while true do
      local v
      v, i = value(s, i)
      n = n + 1
      t[n] = v
      i = skip(s, i)
      c = s:sub(i, i)
      if c == "]" then return t, i + 1 end
      if c ~= "," then fail(s, i) end
      i = i + 1
    end
  elseif c == '"' then return str(s, i)
  elseif s:sub(i, i + 3) == "true" then return true, i + 4
  elseif s:sub(i, i + 4) == "false" then return false, i + 5
  elseif s:sub(i, i + 3) == "null" then return nil, i + 4
  else
    local num = s:match("^-?%d+%.?%d*[eE]?[-+]?%d*", i)
    if not num or num == "" then fail(s, i) end
    return tonumber(num) or fail(s, i), i + #num
  end
end

function J.decode (s)
  local v, i = value(s, 1)
  if skip(s, i) <= #s then fail(s, i) end
  return v
end

function J.lines (path)
  local f = assert(io.open(path, "r"))
  return function ()
    for line in f:lines() do
      if line:find("%S") then return J.decode(line) end
    end
    f:close()
  end
end

return J
