/*
** lsbfiles.c -- the sandbox's file writes (see lsandbox.h): io.open with a mode that writes,
** and io.output(name), open a file only below the output directory, with no '..', symbolic
** link or hard link leading out of it; reading is not restricted. lsandbox.c puts them in
** place (tifai_sandbox_files).
*/
#define LUA_LIB
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "lsbint.h"

/* liolib's l_checkmode */
static int checkmode (const char *mode) {
  return (*mode != '\0' && strchr("rwa", *(mode++)) != NULL &&
          (*mode != '+' || ((void)(++mode), 1)) && strspn(mode, "b") == strlen(mode));
}

/* Is the resolved path 'p' the directory 'dir' (resolved) or below it? */
static int below (const char *dir, const char *p) {
  size_t n = strlen(dir);
  if (strcmp(dir, "/") == 0) return 1;
  return strncmp(p, dir, n) == 0 && (p[n] == '\0' || p[n] == '/');
}

/* liolib's io_fclose, for the files opened here. */
static int sb_fclose (lua_State *L) {
  luaL_Stream *p = (luaL_Stream *)luaL_checkudata(L, 1, LUA_FILEHANDLE);
  errno = 0;
  return luaL_fileresult(L, (fclose(p->f) == 0), NULL);
}

static int cannotwrite (lua_State *L, const char *fname, const char *why) {
  return luaL_error(L, "cannot open file '%s' for writing (%s)", fname, why);
}

/* Open 'fname' with a writing 'mode' (checked) if it lies in the output directory: the
** directory part is resolved with realpath (no '..' or symbolic link leads out), the last
** component is opened in the resolved directory with O_NOFOLLOW, and a file with other hard
** links is refused. Pushes the file and returns 1, or pushes fail, message, errno as io.open
** does (luaL_fileresult) and returns 3. Raises if the rules forbid the file. [-0, +1|+3|+4, v] */
static int openout (lua_State *L, const Sandbox *sb, const char *fname, const char *mode) {
  const char *slash = strrchr(fname, '/');
  const char *base = slash ? slash + 1 : fname;
  char dir[PATH_MAX], rdir[PATH_MAX], full[PATH_MAX];
  int fd, flags, plus = strchr(mode, '+') != NULL;
  struct stat st;
  luaL_Stream *p;
  FILE *f;
  if (sb->outdir[0] == '\0') return cannotwrite(L, fname, "a sandboxed script has no output directory");
  if (slash == NULL) strcpy(dir, ".");
  else if (slash == fname) strcpy(dir, "/");
  else if ((size_t)(slash - fname) >= sizeof(dir)) { errno = ENAMETOOLONG; return luaL_fileresult(L, 0, fname); }
  else { memcpy(dir, fname, (size_t)(slash - fname)); dir[slash - fname] = '\0'; }
  if (realpath(dir, rdir) == NULL) return luaL_fileresult(L, 0, fname);
  if (!below(sb->outdir, rdir))
    return luaL_error(L, "cannot open file '%s' for writing (outside the output directory '%s')",
                      fname, sb->outdir);
  if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
    errno = EISDIR;
    return luaL_fileresult(L, 0, fname);
  }
  if (snprintf(full, sizeof(full), "%s/%s", strcmp(rdir, "/") == 0 ? "" : rdir, base) >= (int)sizeof(full)) {
    errno = ENAMETOOLONG;
    return luaL_fileresult(L, 0, fname);
  }
  p = (luaL_Stream *)lua_newuserdatauv(L, sizeof(luaL_Stream), 0);
  p->closef = NULL;                         /* 'closed' until opened (liolib's newprefile) */
  luaL_setmetatable(L, LUA_FILEHANDLE);
  flags = (plus ? O_RDWR : O_WRONLY) | O_NOFOLLOW | O_CLOEXEC;
  if (mode[0] != 'r') flags |= O_CREAT;
  if (mode[0] == 'a') flags |= O_APPEND;
  if ((fd = open(full, flags, 0666)) < 0) {
    if (errno == ELOOP) return cannotwrite(L, fname, "a symbolic link");
    return luaL_fileresult(L, 0, fname);
  }
  if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_nlink > 1) {
    close(fd);                              /* its other names may lie anywhere */
    return cannotwrite(L, fname, "a file with other hard links");
  }
  if ((mode[0] == 'w' && ftruncate(fd, 0) != 0 && errno != EINVAL)   /* EINVAL: a FIFO, a tty */
      || (f = fdopen(fd, mode)) == NULL) {
    int e = errno;
    close(fd);
    errno = e;
    return luaL_fileresult(L, 0, fname);
  }
  p->f = f;
  p->closef = sb_fclose;
  return 1;
}

/* io.open(filename [, mode]): reads anywhere, writes through openout. */
static int sb_ioopen (lua_State *L) {
  const char *fname = luaL_checkstring(L, 1);
  const char *mode = luaL_optstring(L, 2, "r");
  Sandbox *sb = tifai_sandbox_get(L);
  luaL_argcheck(L, checkmode(mode), 2, "invalid mode");
  if (sb != NULL && (mode[0] != 'r' || strchr(mode, '+') != NULL)) return openout(L, sb, fname, mode);
  lua_settop(L, 2);
  return tifai_sandbox_callorig(L);
}

/* io.output([file]): a name is opened through openout, raising as liolib does. */
static int sb_iooutput (lua_State *L) {
  Sandbox *sb = tifai_sandbox_get(L);
  if (lua_isstring(L, 1) && sb != NULL) {
    const char *fname = lua_tostring(L, 1);
    if (openout(L, sb, fname, "w") != 1)
      return luaL_error(L, "cannot open file '%s' (%s)", fname, strerror((int)lua_tointeger(L, -1)));
    lua_replace(L, 1);
  }
  else if (!lua_isnoneornil(L, 1)) luaL_checkudata(L, 1, LUA_FILEHANDLE);
  lua_settop(L, lua_isnoneornil(L, 1) ? 0 : 1);
  return tifai_sandbox_callorig(L);
}

void tifai_sandbox_files (lua_State *L, int idx) {
  tifai_sandbox_wrap(L, idx, "open", sb_ioopen);
  tifai_sandbox_wrap(L, idx, "output", sb_iooutput);
}
