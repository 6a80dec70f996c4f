/*
** sealcmd.c -- the subcommand 'seal': a store, or every shard of a corpus, made one
** self-contained file in rollback mode (tifa_store_seal), so that machines sharing it over a
** network file system read it without locks or WAL files (TIFA_OPEN_IMMUTABLE); '--undo'
** turns it back to WAL mode, ready for ingest.
*/
#include <stdio.h>
#include <string.h>
#include "cli.h"
#include "tifa_shard.h"

static const char usage_seal[] =
  "usage: " PROGNAME " -d STORE|CORPUS seal [--undo]\n"
  "Seal a store, or every shard of a corpus of shards, for readers on other machines: the\n"
  "write-ahead log is folded into each file, which is left in rollback-journal mode, one file\n"
  "that a shared or network file system can serve (WAL needs shared memory between readers,\n"
  "which NFS does not give). Readers then open it immutable: no locks, no WAL files. The\n"
  "store must not change while sealed: ingest refuses a sealed corpus until '" PROGNAME " seal\n"
  "--undo'. Fails if another process has a store open (exit 1).\n";

/* Seal (or unseal) the store at 'path'; 0, or 1 with a message. */
static int sealone (const char *path, int undo) {
  tifa_store *s;
  char err[TIFA_ERRMAX];
  int rc = tifa_store_open(path, 0, &s, err, sizeof(err));    /* a writable open: WAL */
  if (rc != TIFA_OK) { cli_error("cannot open store %s (%s)", path, err); return 1; }
  if (!undo && (rc = tifa_store_seal(s)) != TIFA_OK) {
    cli_error("%s: %s", path, tifa_store_errmsg(s));
    tifa_store_close(s);
    return 1;
  }
  tifa_store_close(s);
  return 0;
}

int cmd_seal (cli *c, int argc, char **argv) {
  int undo = 0, i, n, k, failed = 0;
  tifa_shards *corpus;
  char err[TIFA_ERRMAX];
  for (i = 0; i < argc; i++) {
    if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) { fputs(usage_seal, stdout); return 0; }
    if (strcmp(argv[i], "--undo") == 0) { undo = 1; continue; }
    cli_error("unknown argument '%s' (see '" PROGNAME " seal --help')", argv[i]);
    return 2;
  }
  if (c->dbpath == NULL) { cli_error("seal needs the store or corpus: -d PATH"); return 2; }
  if (!tifa_shards_is(c->dbpath)) {
    if (tifa_store_sealed(c->dbpath) < 0) { cli_error("cannot seal %s (not a tifa store)", c->dbpath); return 1; }
    if (sealone(c->dbpath, undo)) return 1;
    printf("%s: %s\n", c->dbpath, undo ? "unsealed" : "sealed");
    return 0;
  }
  if (tifa_shards_open(c->dbpath, TIFA_OPEN_READONLY, 0, &corpus, err, sizeof(err)) != TIFA_OK) {
    cli_error("%s", err);
    return 1;
  }
  n = tifa_shards_count(corpus);
  for (k = 1; k <= n; k++) failed |= sealone(tifa_shards_file(corpus, k), undo);
  if (!failed) printf("%s: %d shards %s\n", c->dbpath, n, undo ? "unsealed" : "sealed");
  tifa_shards_close(corpus);
  return failed;
}
