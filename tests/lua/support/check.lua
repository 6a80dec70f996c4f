-- support/check.lua -- helpers shared by the Lua tests (loaded with dofile, not a test of
-- its own: tests/CMakeLists.txt runs tests/lua/*.lua only). Each load is a fresh checker:
--   local T = dofile(<this file>)
--   T.check(cond, msg), T.eq(got, want, what): count a check, keep the message of a failed one
--   T.failures (the messages), T.count() (checks so far); T.checkerror(pattern, f, ...)
-- and string helpers on UTF-8 text: show, usub, startswith, endswith, contains, nospace,
-- occurrences; set, expected_sections, tmpdb; seed(name), a seed page's bytes.
local T = {failures = {}}
local nchecks = 0

function T.check (cond, msg)
  nchecks = nchecks + 1
  if not cond then T.failures[#T.failures + 1] = msg end
  return cond
end

function T.count () return nchecks end

-- End a test: print every failed check and raise if there is one, else print "OK (n checks)".
-- Every test that uses T.check or T.eq ends with it; without it a failed check fails nothing.
function T.finish ()
  if #T.failures > 0 then
    for _, m in ipairs(T.failures) do print("FAIL: " .. m) end
    error(#T.failures .. " of " .. nchecks .. " checks failed", 0)
  end
  print("OK (" .. nchecks .. " checks)")
end

-- the bytes of the seed page 'name' of the sample corpus ($TIFA_SEEDS)
function T.seed (name)
  local dir = assert(os.getenv("TIFA_SEEDS"), "TIFA_SEEDS not set")
  local f = assert(io.open(dir .. "/" .. name, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

-- f(...) must raise an error matching the Lua pattern 'msg'
function T.checkerror (msg, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok and string.find(err, msg), err)
end

-- a value for a message; long strings are cut to their first 40 characters
function T.show (v)
  if type(v) ~= "string" then return tostring(v) end
  local n = utf8.len(v)
  if n and n > 40 then
    return string.format("%q", v:sub(1, utf8.offset(v, 41) - 1)) .. "... (" .. n .. " chars)"
  end
  return string.format("%q", v)
end

function T.eq (got, want, what)
  return T.check(got == want, what .. ": got " .. T.show(got) .. ", want " .. T.show(want))
end

-- the character substring [i, j] (1-based, inclusive) of UTF-8 s; nil if out of range
function T.usub (s, i, j)
  if type(i) ~= "number" or type(j) ~= "number" then return nil end
  local b = utf8.offset(s, i)
  local e = utf8.offset(s, j + 1)
  if not b then return nil end
  return s:sub(b, (e or #s + 1) - 1)
end

function T.startswith (s, p) return type(s) == "string" and s:sub(1, #p) == p end
function T.endswith (s, p) return type(s) == "string" and #s >= #p and s:sub(-#p) == p end
function T.contains (s, p) return type(s) == "string" and s:find(p, 1, true) ~= nil end

-- s without ASCII space, U+3000 and U+00A0 (whole characters, not bytes)
function T.nospace (s)
  return (s:gsub("%s", ""):gsub("\u{3000}", ""):gsub("\u{a0}", ""))
end

-- an independent oracle: non-overlapping plain occurrences of 'needle' in s
function T.occurrences (s, needle)
  local n, at = 0, 1
  while true do
    local i, j = string.find(s, needle, at, true)
    if not i then return n end
    n, at = n + 1, j + 1
  end
end

function T.set (list)
  local t = {}
  for _, v in ipairs(list or {}) do t[v] = true end
  return t
end

-- the expected sections, derived from a list of paragraph kinds: one per heading, and a
-- first one without a heading when paragraphs come before the first heading
function T.expected_sections (kinds, headings)
  local secs, h = {}, 0
  for i, k in ipairs(kinds) do
    if k == "heading" then
      h = h + 1
      secs[#secs + 1] = {heading = headings[h], first = i + 1, last = i}
    else
      if #secs == 0 then secs[1] = {heading = nil, first = i, last = i} end
      secs[#secs].last = i
    end
  end
  return secs
end

-- a path for a new store that does not exist yet
function T.tmpdb ()
  local name = os.tmpname()
  os.remove(name)
  return name .. ".db"
end

return T
