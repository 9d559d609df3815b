/*
 * The C ABI from C: every golden vector of tests/vectors reproduced exactly
 * (the computation of core/tests/vectors.rs, through sobriete_call and the
 * per-operation functions), then the error cases: NULL pointers, invalid
 * UTF-8, oversized and deeply nested input, unknown operations, and the
 * per-thread last error. Run under valgrind by scripts/test-c.sh.
 *
 * Usage: check <repository root> <vector files...>
 * JSON is read and compared with cJSON (numbers compared as doubles).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "sobriete.h"

static int failures = 0;
static int checks = 0;

#define CHECK(cond, ...)                                                       \
  do {                                                                         \
    checks++;                                                                  \
    if (!(cond)) {                                                             \
      failures++;                                                              \
      fprintf(stderr, "FAIL %s:%d: ", __FILE__, __LINE__);                     \
      fprintf(stderr, __VA_ARGS__);                                            \
      fputc('\n', stderr);                                                     \
    }                                                                          \
  } while (0)

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *text = malloc((size_t)n + 1);
  size_t got = fread(text, 1, (size_t)n, f);
  text[got] = '\0';
  fclose(f);
  return text;
}

/* An error object in the vectors' shape
 * {"error": {"code", "document", "issues": [{"code", "path", "severity"}]}}
 * (`value` is consumed). */
static cJSON *error_shape(cJSON *value) {
  cJSON *error = cJSON_CreateObject();
  cJSON_AddItemToObject(error, "code",
                        cJSON_Duplicate(cJSON_GetObjectItem(value, "code"), 1));
  cJSON_AddItemToObject(
      error, "document",
      cJSON_Duplicate(cJSON_GetObjectItem(value, "document"), 1));
  cJSON *issues = cJSON_AddArrayToObject(error, "issues");
  cJSON *issue;
  cJSON_ArrayForEach(issue, cJSON_GetObjectItem(value, "issues")) {
    cJSON *short_issue = cJSON_CreateObject();
    const char *keys[] = {"code", "path", "severity"};
    for (int i = 0; i < 3; i++)
      cJSON_AddItemToObject(
          short_issue, keys[i],
          cJSON_Duplicate(cJSON_GetObjectItem(issue, keys[i]), 1));
    cJSON_AddItemToArray(issues, short_issue);
  }
  cJSON_Delete(value);
  cJSON *wrapped = cJSON_CreateObject();
  cJSON_AddItemToObject(wrapped, "error", error);
  return wrapped;
}

/* The result of a call as JSON: the document, or the error in the vectors'
 * shape (`out` is freed). */
static cJSON *outcome(SobrieteStatus status, char *out) {
  cJSON *value = cJSON_Parse(out);
  sobriete_string_free(out);
  if (status == SOBRIETE_OK || value == NULL) return value;
  return error_shape(value);
}

/* Calls `operation` with the case's fields `names` as arguments. */
static cJSON *call(const SobrieteReferential *r, const char *operation,
                   cJSON *c, const char *const *names, int count) {
  cJSON *args = cJSON_CreateObject();
  for (int i = 0; i < count; i++) {
    cJSON *v = cJSON_GetObjectItem(c, names[i]);
    if (v) cJSON_AddItemToObject(args, names[i], cJSON_Duplicate(v, 1));
  }
  char *text = cJSON_PrintUnformatted(args);
  char *out = NULL;
  SobrieteStatus status = sobriete_call(r, operation, text, &out);
  free(text);
  cJSON_Delete(args);
  return outcome(status, out);
}

/* {"summaries": [{"summary": …} | {"error": …}]} from the batch call. */
static cJSON *summaries(const SobrieteReferential *r, cJSON *c) {
  const char *names[] = {"assessments"};
  cJSON *list = call(r, "score_summaries", c, names, 1);
  if (!cJSON_IsArray(list)) return list;
  cJSON *items = cJSON_CreateArray();
  cJSON *item;
  cJSON_ArrayForEach(item, list) {
    cJSON *error = cJSON_GetObjectItem(item, "error");
    if (error) {
      cJSON_AddItemToArray(items, error_shape(cJSON_Duplicate(error, 1)));
    } else {
      cJSON *wrapped = cJSON_CreateObject();
      cJSON_AddItemToObject(wrapped, "summary", cJSON_Duplicate(item, 1));
      cJSON_AddItemToArray(items, wrapped);
    }
  }
  cJSON_Delete(list);
  return items;
}

/* The operation of a vector, its result under the vector's key. */
static cJSON *compute(const SobrieteReferential *r, cJSON *c, const char **key) {
  cJSON *op_item = cJSON_GetObjectItem(c, "operation");
  const char *op = op_item ? op_item->valuestring : "score";
  if (strcmp(op, "score") == 0) {
    /* The per-operation function, with the document as text. */
    char *text = cJSON_PrintUnformatted(cJSON_GetObjectItem(c, "assessment"));
    char *out = NULL;
    SobrieteStatus status = sobriete_score(r, text, &out);
    free(text);
    *key = "report";
    return outcome(status, out);
  }
  if (strcmp(op, "propose") == 0) {
    const char *names[] = {"assessment", "request"};
    *key = "proposal";
    return call(r, "propose", c, names, 2);
  }
  if (strcmp(op, "plan_status") == 0) {
    const char *names[] = {"plan", "as_of"};
    *key = "status";
    return call(r, "plan_status", c, names, 2);
  }
  if (strcmp(op, "history") == 0) {
    const char *names[] = {"assessments"};
    *key = "history";
    return call(r, "history", c, names, 1);
  }
  if (strcmp(op, "compare") == 0) {
    const char *names[] = {"assessment", "peers", "min_group_size"};
    *key = "comparison";
    return call(r, "compare", c, names, 3);
  }
  if (strcmp(op, "rollup") == 0) {
    const char *names[] = {"peers", "expected_members"};
    *key = "rollup";
    return call(r, "rollup", c, names, 2);
  }
  if (strcmp(op, "migrate") == 0) {
    cJSON *args = cJSON_CreateObject();
    const char *names[] = {"assessment", "crosswalk"};
    for (int i = 0; i < 2; i++)
      cJSON_AddItemToObject(args, names[i],
                            cJSON_Duplicate(cJSON_GetObjectItem(c, names[i]), 1));
    cJSON_AddItemToObject(args, "to",
                          cJSON_Duplicate(cJSON_GetObjectItem(c, "to_referential"), 1));
    int simulate = cJSON_IsTrue(cJSON_GetObjectItem(c, "simulate"));
    *key = simulate ? "simulation" : "migration";
    char *text = cJSON_PrintUnformatted(args);
    char *out = NULL;
    SobrieteStatus status =
        sobriete_call(r, simulate ? "simulate_migration" : "migrate", text, &out);
    free(text);
    cJSON_Delete(args);
    return outcome(status, out);
  }
  if (strcmp(op, "summaries") == 0) {
    *key = "summaries";
    return summaries(r, c);
  }
  if (strcmp(op, "import_ecoclic") == 0) {
    const char *names[] = {"source"};
    *key = "imported";
    return call(NULL, "import_ecoclic", c, names, 1);
  }
  if (strcmp(op, "import_ecoclic_answers") == 0) {
    char *source = cJSON_PrintUnformatted(cJSON_GetObjectItem(c, "source"));
    char *out = NULL;
    int given = cJSON_GetObjectItem(c, "referential") != NULL;
    SobrieteStatus status = sobriete_import_ecoclic_answers(source, given ? r : NULL, &out);
    free(source);
    *key = "answers";
    return outcome(status, out);
  }
  *key = "unknown";
  return NULL;
}

static void vector(const char *path) {
  char *text = read_file(path);
  CHECK(text != NULL, "%s: unreadable", path);
  if (!text) return;
  cJSON *c = cJSON_Parse(text);
  free(text);
  cJSON *expected = cJSON_GetObjectItem(c, "expected");
  SobrieteReferential *r = NULL;
  cJSON *doc = cJSON_GetObjectItem(c, "referential");
  cJSON *got = NULL;
  const char *key = "error";
  SobrieteStatus status;
  if (doc) {
    char *json = cJSON_PrintUnformatted(doc);
    status = sobriete_referential_from_json(json, &r);
    free(json);
  } else {
    status = sobriete_referential_default(&r);
  }
  if (status == SOBRIETE_OK) {
    got = compute(r, c, &key);
  } else {
    CHECK(r == NULL, "%s: a handle despite the error", path);
    got = outcome(status, sobriete_last_error());
  }
  cJSON *result = cJSON_CreateObject();
  if (got && cJSON_GetObjectItem(got, "error") && cJSON_GetArraySize(got) == 1 &&
      !cJSON_IsArray(got)) {
    cJSON_AddItemToObject(result, "error",
                          cJSON_DetachItemFromObject(got, "error"));
    cJSON_Delete(got);
  } else if (got) {
    cJSON_AddItemToObject(result, key, got);
  }
  int same = cJSON_Compare(result, expected, 1);
  if (!same) {
    char *a = cJSON_Print(result);
    fprintf(stderr, "%s: got\n%.2000s\n", path, a);
    free(a);
  }
  CHECK(same, "%s: the result differs from the vector's", path);
  cJSON_Delete(result);
  cJSON_Delete(c);
  sobriete_referential_free(r);
}

/* The error of a failing call: its status and JSON. `out` is read here,
 * after the call (an argument list has no order of evaluation). */
static cJSON *failed(SobrieteStatus status, char **slot, SobrieteStatus expected) {
  char *out = *slot;
  *slot = NULL;
  CHECK(status == expected, "status %d, expected %d", status, expected);
  CHECK(out != NULL, "no error given");
  cJSON *e = cJSON_Parse(out);
  CHECK(e != NULL, "the error is not JSON: %s", out ? out : "(null)");
  sobriete_string_free(out);
  return e;
}

static const char *field(cJSON *e, const char *name) {
  cJSON *v = cJSON_GetObjectItem(e, name);
  return cJSON_IsString(v) ? v->valuestring : "";
}

static void *other_thread(void *arg) {
  (void)arg;
  /* A fresh thread has no error of its own, whatever the others did. */
  char *mine = sobriete_last_error();
  CHECK(mine == NULL, "another thread's error leaked: %s", mine);
  sobriete_string_free(mine);
  char *out = NULL;
  SobrieteStatus status = sobriete_markdown(NULL, "de", &out);
  cJSON *e = failed(status, &out, SOBRIETE_INVALID_ARGUMENT);
  CHECK(strcmp(field(e, "argument"), "lang") == 0, "argument %s", field(e, "argument"));
  cJSON_Delete(e);
  return NULL;
}

static void errors(const char *root) {
  char *out = NULL;
  /* NULL where a document is needed. */
  cJSON *e = failed(sobriete_score(NULL, NULL, &out), &out, SOBRIETE_INVALID_ARGUMENT);
  CHECK(strcmp(field(e, "argument"), "assessment") == 0, "NULL assessment");
  cJSON_Delete(e);
  /* Invalid UTF-8: an issue of the document. */
  e = failed(sobriete_score(NULL, "{\"a\": \"\xff\"}", &out), &out, SOBRIETE_INVALID_DOCUMENT);
  CHECK(strcmp(field(e, "document"), "assessment") == 0, "document %s", field(e, "document"));
  cJSON_Delete(e);
  /* A document over its size limit: refused before it is parsed. */
  size_t n = 40u * 1024u * 1024u;
  char *big = malloc(n + 1);
  memset(big, ' ', n);
  big[0] = '{';
  big[n - 1] = '}';
  big[n] = '\0';
  e = failed(sobriete_score(NULL, big, &out), &out, SOBRIETE_INVALID_DOCUMENT);
  free(big);
  cJSON *issue = cJSON_GetArrayItem(cJSON_GetObjectItem(e, "issues"), 0);
  CHECK(strcmp(field(issue, "code"), "too_large") == 0, "too large: %s", field(issue, "code"));
  cJSON_Delete(e);
  /* Deep nesting: an error, not a stack overflow. */
  size_t depth = 100000;
  char *deep = malloc(2 * depth + 1);
  memset(deep, '[', depth);
  memset(deep + depth, ']', depth);
  deep[2 * depth] = '\0';
  e = failed(sobriete_score(NULL, deep, &out), &out, SOBRIETE_INVALID_DOCUMENT);
  issue = cJSON_GetArrayItem(cJSON_GetObjectItem(e, "issues"), 0);
  CHECK(strcmp(field(issue, "code"), "too_deep") == 0, "deep: %s", field(issue, "code"));
  cJSON_Delete(e);
  free(deep);
  /* Unknown operation, arguments not an object, NULL operation. */
  e = failed(sobriete_call(NULL, "scor", "{}", &out), &out, SOBRIETE_INVALID_ARGUMENT);
  CHECK(strcmp(field(e, "argument"), "operation") == 0, "unknown operation");
  cJSON_Delete(e);
  e = failed(sobriete_call(NULL, "score", "[", &out), &out, SOBRIETE_INVALID_ARGUMENT);
  cJSON_Delete(e);
  e = failed(sobriete_call(NULL, NULL, NULL, &out), &out, SOBRIETE_INVALID_ARGUMENT);
  cJSON_Delete(e);
  /* A broken assessment: every issue at once, the same in last_error. */
  char path[4096];
  snprintf(path, sizeof path, "%s/tests/vectors/15-error-assessment-many-problems.json", root);
  char *text = read_file(path);
  cJSON *c = cJSON_Parse(text);
  free(text);
  char *ref = cJSON_PrintUnformatted(cJSON_GetObjectItem(c, "referential"));
  char *doc = cJSON_PrintUnformatted(cJSON_GetObjectItem(c, "assessment"));
  SobrieteReferential *r = NULL;
  CHECK(sobriete_referential_from_json(ref, &r) == SOBRIETE_OK, "mini referential");
  SobrieteStatus status = sobriete_score(r, doc, &out);
  char *last = sobriete_last_error();
  CHECK(last != NULL && strcmp(last, out) == 0, "last error differs");
  sobriete_string_free(last);
  e = failed(status, &out, SOBRIETE_INVALID_DOCUMENT);
  CHECK(cJSON_GetArraySize(cJSON_GetObjectItem(e, "issues")) == 9, "nine issues");
  cJSON_Delete(e);
  /* A later success clears it. */
  CHECK(sobriete_markdown(r, NULL, &out) == SOBRIETE_OK, "markdown");
  CHECK(strncmp(out, "# ", 2) == 0, "markdown text: %.20s", out);
  sobriete_string_free(out);
  CHECK(sobriete_last_error() == NULL, "the error was not cleared");
  /* Per thread. */
  status = sobriete_score(r, doc, &out);
  sobriete_string_free(out);
  pthread_t t;
  pthread_create(&t, NULL, other_thread, NULL);
  pthread_join(t, NULL);
  last = sobriete_last_error();
  CHECK(last != NULL && strstr(last, "invalid_document") != NULL, "this thread's error was lost");
  sobriete_string_free(last);
  free(ref);
  free(doc);
  cJSON_Delete(c);
  sobriete_referential_free(r);
  /* Frees of NULL are no-ops. */
  sobriete_string_free(NULL);
  sobriete_referential_free(NULL);
}

/* A text report through the per-operation function, with defaults. */
static void reports(const char *root) {
  char path[4096];
  snprintf(path, sizeof path, "%s/examples/commune-rurale-niveau1.json", root);
  char *doc = read_file(path);
  char *out = NULL;
  CHECK(sobriete_render_report(NULL, doc, NULL, NULL, &out) == SOBRIETE_OK, "report");
  CHECK(strstr(out, "28,82") != NULL, "the French report shows 28,82");
  sobriete_string_free(out);
  CHECK(sobriete_full_report(NULL, doc, "html", "en", "{\"target\": {\"index\": 60}}", &out) ==
            SOBRIETE_OK,
        "full report");
  CHECK(strstr(out, "<html") != NULL, "HTML");
  sobriete_string_free(out);
  CHECK(sobriete_template(NULL, 2, NULL, "2026-01-15", &out) == SOBRIETE_OK, "template");
  cJSON *t = cJSON_Parse(out);
  CHECK(cJSON_GetObjectItem(t, "level")->valueint == 2, "template level");
  cJSON_Delete(t);
  sobriete_string_free(out);
  free(doc);
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s ROOT VECTOR...\n", argv[0]);
    return 2;
  }
  CHECK(sobriete_abi_version() == SOBRIETE_ABI_VERSION, "ABI version");
  for (int i = 2; i < argc; i++) vector(argv[i]);
  errors(argv[1]);
  reports(argv[1]);
  if (failures) {
    fprintf(stderr, "c: %d of %d checks failed\n", failures, checks);
    return 1;
  }
  printf("c: %d checks passed (%d golden vectors), sobriete %s\n", checks, argc - 2,
         sobriete_version());
  return 0;
}
