-- plan.lua -- for tests/cli/printer.sh: writes to stdout the lines to type at the prompt to
-- try the printer on every function of the API: the setup of calls.lua, then for each name,
-- a marker ("@@ name") and its calls. The names are those help() lists (the reference in
-- docs/*.md) and the functions found in tifa's tables (tifa, tifa.text, tifa.out, ...) and
-- in the methods of db, article and set objects. A name calls.lua has no lines for is
-- reported on stderr, and the exit status is then 1.
local dir = arg[0]:match("^(.-)[^/]*$")
local spec = dofile(dir .. "calls.lua")
local names, missing = {}, {}

local function add (name) names[name] = true end
for name in tifa.help(nil, {text = true, width = 200}):gmatch("\n  ([%w_]+[.:][%w_.:]+)") do add(name) end
local function addtable (prefix, t, sep)
  for k, v in pairs(t) do
    if type(k) == "string" and type(v) == "function" then add(prefix .. sep .. k) end
  end
end
addtable("tifa", tifa, ".")
for k, v in pairs(tifa) do
  if type(v) == "table" then addtable("tifa." .. k, v, ".") end
end
-- the methods of a class: its __index table, or the table an __index closure looks into
local function methods (obj)
  local idx = debug.getmetatable(obj).__index   -- the metatables are protected
  if type(idx) == "function" then
    for i = 1, 8 do
      local n, v = debug.getupvalue(idx, i)
      if n == nil then break end
      if type(v) == "table" then return v end
    end
    return {}
  end
  return idx
end
local db = tifa.open()
addtable("db", methods(db), ":")
addtable("article", methods(db:article(1)), ":")
addtable("set", methods(db:select{outlet = "内蒙古日报"}), ":")

local order = {}
for name in pairs(names) do order[#order + 1] = name end
table.sort(order)
for _, l in ipairs(spec.setup) do print(l) end
for _, name in ipairs(order) do
  local calls = spec.calls[name]
  if calls == nil and name:match("^set:") then   -- a set method as its db method, on 's'
    local dbcalls = spec.calls["db:" .. name:sub(5)]
    if dbcalls then
      calls = {}
      for i, c in ipairs(dbcalls) do
        if c:match("^db:") then calls[#calls + 1] = "s:" .. c:sub(4) end
      end
      if #calls == 0 then calls = nil end
    end
  end
  if calls == nil then missing[#missing + 1] = name
  else
    for i, c in ipairs(calls) do
      print(string.format("%q", "@@ " .. name .. " #" .. i))
      print(c)
    end
  end
end
print('"@@ end"')
if #missing > 0 then
  io.stderr:write("no calls in calls.lua for: " .. table.concat(missing, ", ") .. "\n")
  os.exit(1)
end
