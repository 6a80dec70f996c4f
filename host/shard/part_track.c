/*
** part_track.c -- the part of "track" (docs/shards.md): a shard's matches of a lexicon's
** formulations, each with its article's provenance, date and variant, after one record per
** formulation (its label and forms); the merge (merge_track.c) gives what db:track gives.
*/
#include <string.h>
#include <jansson.h>
#include "tifa_track.h"
#include "shard.h"

typedef struct tpart { part *p; int64_t lastid; json_t *prov; } tpart;

static int onmatch (void *ud, const tifa_track_match *m) {
  tpart *t = (tpart *)ud;
  json_t *j = json_object();
  int rc;
  json_object_set_new(j, "f", json_integer((json_int_t)m->formulation));
  json_object_set_new(j, "fo", json_integer((json_int_t)m->form));
  if (t->prov == NULL || t->lastid != m->id) {       /* one lookup per article */
    json_decref(t->prov);
    t->prov = json_object();
    if ((rc = tifai_part_provenance(t->p, t->prov, m->id)) != TIFA_OK) { json_decref(j); return rc; }
    t->lastid = m->id;
  }
  json_object_set(j, "id", json_object_get(t->prov, "id"));
  json_object_set(j, "file", json_object_get(t->prov, "file"));
  json_object_set(j, "seq", json_object_get(t->prov, "seq"));
  json_object_set_new(j, "date", m->date ? json_string(m->date) : json_null());
  json_object_set_new(j, "t", json_integer(m->title));
  json_object_set_new(j, "from", json_integer((json_int_t)m->from));
  json_object_set_new(j, "to", json_integer((json_int_t)m->to));
  json_object_set_new(j, "p", json_integer((json_int_t)m->paragraph));
  json_object_set_new(j, "exact", json_boolean(m->exact));
  json_object_set_new(j, "v", json_stringn(m->variant, m->variant_len));
  return tifai_part_emit(t->p, j);
}

int tifai_part_track (part *p, const char *lexicon, const tifa_part_opts *o) {
  tifa_lexicon *lx = NULL;
  const tifa_formulation *fs;
  char err[TIFA_ERRMAX];
  size_t nf, i, k;
  tpart t;
  int rc = lexicon ? tifa_lexicon_parse(lexicon, strlen(lexicon), &lx, err, sizeof(err))
                   : tifa_lexicon_builtin(&lx);
  if (rc != TIFA_OK) return rc;
  fs = tifa_lexicon_formulations(lx, &nf);
  for (i = 0; i < nf && rc == TIFA_OK; i++) {       /* the formulations, in order */
    json_t *forms = json_array();
    for (k = 0; k < fs[i].nforms; k++) json_array_append_new(forms, json_string(fs[i].forms[k]));
    rc = tifai_part_emit(p, json_pack("{s:I, s:s, s:o}", "f", (json_int_t)i, "formulation",
                                      fs[i].label, "forms", forms));
  }
  t.p = p; t.lastid = 0; t.prov = NULL;
  if (rc == TIFA_OK) rc = tifa_track(p->s, fs, nf, o->flags, NULL, 0, onmatch, &t);
  json_decref(t.prov);
  tifa_lexicon_free(lx);
  return rc == TIFA_OK ? tifai_part_emit(p, json_pack("{s:i}", "end", 1)) : rc;
}
