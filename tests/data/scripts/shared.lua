-- shared: a colleague's script that asks for the sandbox
-- @sandbox
-- @param try string=exec  what to attempt: exec, write, store
if params.try == "exec" then
  os.execute("echo escaped > escaped.txt")
elseif params.try == "write" then
  local f = assert(io.open("written.txt", "w"))
  f:write("x")
  f:close()
elseif params.try == "store" then
  local n = #db:sql("SELECT id FROM article")
  print("articles", n, "readonly", db.readonly)
  print("sql", pcall(db.sql, db, "DELETE FROM article"))
  print("ingest", pcall(db.ingest, db, "x.txt"))
  print("open", pcall(tifa.open, db.path, {readonly = false}))
  print("after", #db:sql("SELECT id FROM article"))
end
print("done")
