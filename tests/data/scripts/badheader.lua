-- badheader: a header with a typo
--
-- @param limit integer=20  fine
-- @parm term string  the typo, line 4
print("never")
