-- boom: fails at line 6, in a function called from line 8
-- @param n integer=1  a number
local t = {}

local function f (x)
  return t.missing.field + x
end
f(params.n)
