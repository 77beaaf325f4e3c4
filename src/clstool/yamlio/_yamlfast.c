/* clstool.yamlio._yamlfast: the common case of clstool.yamlio.read.read_yaml, in C.
 *
 * read_yaml drives libyaml through PyYAML, which builds a Python object for every event and
 * mark: about nine tenths of the cost of reading a fiche, whereas libyaml itself parses it in
 * a tenth of a millisecond. This module drives the same libyaml (same version, same marks)
 * directly and builds the same data and positions as yamlsource._build, for the files that
 * need nothing else: one document of mappings, sequences and scalars, without anchors,
 * aliases, tags or duplicate keys, within the depth and size limits.
 *
 * For anything else it returns None and yamlsource reads the file again the Python way, which
 * reports every problem with its French message. So this module never reports a problem and
 * never decides anything the Python reader would decide differently; tests/test_yamlfast.py
 * checks that both readers agree on the data, the real files and random documents.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>
#include <yaml.h>

#define MAX_DEPTH 64     /* clstool.yamlio.limits.MAX_DEPTH */
#define MAX_NODES 200000 /* yamlsource.MAX_NODES */

/* First characters of plain scalars that may be something else than text (yamlsource._MAYBE_NOT_TEXT). */
static const char MAYBE_NOT_TEXT[] = "0123456789+-.~nNtTfF";

typedef struct {
    PyObject *container; /* borrowed: owned by its parent, or by the root */
    int is_map;
    PyObject *path;      /* owned: tuple */
    PyObject *key;       /* owned: pending key of a mapping, or NULL */
    long key_line, key_column;
} Frame;

static int digits(const char *v, Py_ssize_t n, Py_ssize_t *i)
{
    Py_ssize_t start = *i;
    while (*i < n && v[*i] >= '0' && v[*i] <= '9')
        (*i)++;
    return *i > start;
}

/* yamlsource._INT: [-+]?[0-9]+ */
static int is_int(const char *v, Py_ssize_t n)
{
    Py_ssize_t i = (n > 0 && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
    return digits(v, n, &i) && i == n;
}

/* yamlsource._FLOAT: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static int is_float(const char *v, Py_ssize_t n)
{
    Py_ssize_t i = (n > 0 && (v[0] == '-' || v[0] == '+')) ? 1 : 0;
    if (i < n && v[i] == '.') {
        i++;
        if (!digits(v, n, &i))
            return 0;
    } else {
        if (!digits(v, n, &i))
            return 0;
        if (i < n && v[i] == '.') {
            i++;
            digits(v, n, &i);
        }
    }
    if (i < n && (v[i] == 'e' || v[i] == 'E')) {
        i++;
        if (i < n && (v[i] == '-' || v[i] == '+'))
            i++;
        if (!digits(v, n, &i))
            return 0;
    }
    return i == n;
}

static int one_of(const char *v, Py_ssize_t n, const char *const *words)
{
    for (; *words != NULL; words++)
        if ((Py_ssize_t)strlen(*words) == n && memcmp(v, *words, (size_t)n) == 0)
            return 1;
    return 0;
}

static const char *const NULLS[] = {"~", "null", "Null", "NULL", NULL}; /* and "" */
static const char *const TRUES[] = {"true", "True", "TRUE", NULL};
static const char *const FALSES[] = {"false", "False", "FALSE", NULL};

/* A scalar's value, resolved like yamlsource.resolve_scalar (YAML 1.2 core schema: a plain
 * scalar may be null, a boolean, an integer or a float; anything quoted is text). NULL on
 * error. */
static PyObject *scalar(const yaml_event_t *event, PyObject *resolve)
{
    const char *v = (const char *)event->data.scalar.value;
    Py_ssize_t n = (Py_ssize_t)event->data.scalar.length;
    int plain = event->data.scalar.plain_implicit;
    if (!plain || (n > 0 && memchr(MAYBE_NOT_TEXT, v[0], sizeof MAYBE_NOT_TEXT - 1) == NULL))
        return PyUnicode_DecodeUTF8(v, n, "strict");
    if (n == 0 || one_of(v, n, NULLS))
        Py_RETURN_NONE;
    if (one_of(v, n, TRUES))
        Py_RETURN_TRUE;
    if (one_of(v, n, FALSES))
        Py_RETURN_FALSE;
    PyObject *text = PyUnicode_DecodeUTF8(v, n, "strict");
    if (text == NULL)
        return NULL;
    PyObject *value;
    if (v[n - 1] == '\n') /* where Python's « $ » differs from the end of the text: ask Python */
        value = PyObject_CallFunctionObjArgs(resolve, text, Py_True, Py_None, NULL);
    else if (is_int(v, n))
        value = PyLong_FromUnicodeObject(text, 10);
    else if (is_float(v, n))
        value = PyFloat_FromString(text);
    else
        return text;
    Py_DECREF(text);
    return value;
}

static PyObject *position(long key_line, long key_column, long line, long column)
{
    long parts[4] = {key_line, key_column, line, column};
    PyObject *pos = PyTuple_New(4);
    if (pos == NULL)
        return NULL;
    for (int i = 0; i < 4; i++) {
        PyObject *number = PyLong_FromLong(parts[i]);
        if (number == NULL) {
            Py_DECREF(pos);
            return NULL;
        }
        PyTuple_SET_ITEM(pos, i, number);
    }
    return pos;
}

static PyObject *child_path(PyObject *parent, PyObject *item)
{
    Py_ssize_t n = PyTuple_GET_SIZE(parent);
    PyObject *path = PyTuple_New(n + 1);
    if (path == NULL)
        return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *part = PyTuple_GET_ITEM(parent, i);
        Py_INCREF(part);
        PyTuple_SET_ITEM(path, i, part);
    }
    Py_INCREF(item);
    PyTuple_SET_ITEM(path, n, item);
    return path;
}

/* Read one document. Returns 1 when done, 0 to fall back to the Python reader, -1 on a
 * Python error (memory). */
static int build(yaml_parser_t *parser, PyObject *resolve, PyObject *positions, PyObject **root)
{
    Frame stack[MAX_DEPTH + 1];
    int depth = 0, status = 0;
    long nodes = 0;
    yaml_event_t event;
    PyObject *value = NULL, *path = NULL, *pos = NULL;

    for (;;) {
        if (!yaml_parser_parse(parser, &event))
            goto done; /* a syntax error: the Python reader words it */
        yaml_event_type_t type = event.type;
        /* 1-based, like yamlsource._mark (read now: yaml_event_delete clears the event) */
        long line = (long)event.start_mark.line + 1, column = (long)event.start_mark.column + 1;

        if (type == YAML_DOCUMENT_END_EVENT) {
            yaml_event_delete(&event);
            status = depth == 0 && *root != NULL;
            goto done;
        }
        if (type == YAML_MAPPING_END_EVENT || type == YAML_SEQUENCE_END_EVENT) {
            yaml_event_delete(&event);
            if (depth == 0)
                goto done;
            Frame *frame = &stack[--depth];
            Py_CLEAR(frame->path);
            if (frame->key != NULL) { /* a key without value: libyaml gives an empty scalar instead */
                Py_CLEAR(frame->key);
                goto done;
            }
            continue;
        }
        if (type != YAML_SCALAR_EVENT && type != YAML_MAPPING_START_EVENT && type != YAML_SEQUENCE_START_EVENT)
            goto skip; /* an alias, or anything unexpected */

        /* anchors and explicit tags: the Python reader */
        if (type == YAML_SCALAR_EVENT) {
            if (event.data.scalar.anchor != NULL || event.data.scalar.tag != NULL)
                goto skip;
        } else if (type == YAML_MAPPING_START_EVENT) {
            if (event.data.mapping_start.anchor != NULL || event.data.mapping_start.tag != NULL)
                goto skip;
        } else if (event.data.sequence_start.anchor != NULL || event.data.sequence_start.tag != NULL) {
            goto skip;
        }

        Frame *parent = depth > 0 ? &stack[depth - 1] : NULL;
        if (parent != NULL && parent->is_map && parent->key == NULL) { /* a key */
            if (type != YAML_SCALAR_EVENT)
                goto skip;
            PyObject *key = scalar(&event, resolve);
            yaml_event_delete(&event);
            if (key == NULL)
                goto error;
            int seen = PyDict_Contains(parent->container, key);
            if (seen != 0) { /* a duplicate (the Python reader reports it), or an unhashable key */
                Py_DECREF(key);
                if (seen < 0)
                    PyErr_Clear();
                goto done;
            }
            parent->key = key;
            parent->key_line = line;
            parent->key_column = column;
            continue;
        }

        if (++nodes > MAX_NODES)
            goto skip;
        if (type == YAML_SCALAR_EVENT)
            value = scalar(&event, resolve);
        else if (type == YAML_MAPPING_START_EVENT)
            value = PyDict_New();
        else
            value = PyList_New(0);
        yaml_event_delete(&event);
        if (value == NULL)
            goto error;

        if (parent == NULL) {
            if (*root != NULL) /* a second root value: libyaml never gives one */
                goto done;
            path = PyTuple_New(0);
            pos = position(line, column, line, column);
            if (path == NULL || pos == NULL || PyDict_SetItem(positions, path, pos) < 0)
                goto error;
            *root = value;
            Py_INCREF(value);
        } else if (parent->is_map) {
            path = child_path(parent->path, parent->key);
            pos = position(parent->key_line, parent->key_column, line, column);
            if (path == NULL || pos == NULL || PyDict_SetItem(parent->container, parent->key, value) < 0
                || PyDict_SetItem(positions, path, pos) < 0)
                goto error;
            Py_CLEAR(parent->key);
        } else {
            PyObject *index = PyLong_FromSsize_t(PyList_GET_SIZE(parent->container));
            if (index == NULL)
                goto error;
            path = child_path(parent->path, index);
            Py_DECREF(index);
            pos = position(line, column, line, column);
            if (path == NULL || pos == NULL || PyList_Append(parent->container, value) < 0
                || PyDict_SetItem(positions, path, pos) < 0)
                goto error;
        }
        Py_CLEAR(pos);

        if (type != YAML_SCALAR_EVENT) {
            if (depth >= MAX_DEPTH)
                goto done;
            Frame *frame = &stack[depth++];
            frame->container = value; /* its parent (or *root) holds it */
            frame->is_map = type == YAML_MAPPING_START_EVENT;
            frame->path = path;
            frame->key = NULL;
            path = NULL;
        } else {
            Py_CLEAR(path);
        }
        Py_CLEAR(value);
        continue;

    skip:
        yaml_event_delete(&event);
        goto done;
    error:
        status = -1;
        goto done;
    }

done:
    Py_XDECREF(value);
    Py_XDECREF(path);
    Py_XDECREF(pos);
    while (depth > 0) {
        Frame *frame = &stack[--depth];
        Py_XDECREF(frame->path);
        Py_XDECREF(frame->key);
    }
    if (status == -1 && PyErr_ExceptionMatches(PyExc_MemoryError) == 0) {
        PyErr_Clear(); /* a decoding or resolving surprise: the Python reader will say */
        status = 0;
    }
    return status;
}

static int next_is(yaml_parser_t *parser, yaml_event_type_t type)
{
    yaml_event_t event;
    if (!yaml_parser_parse(parser, &event))
        return 0;
    int ok = event.type == type;
    yaml_event_delete(&event);
    return ok;
}

PyDoc_STRVAR(load_doc,
"load(raw: bytes, resolve) -> (data, positions) | None\n\n"
"Read UTF-8 YAML (without byte order mark) like clstool.yamlio.read.read_yaml; None when the\n"
"file needs the Python reader (anything beyond plain mappings, sequences and scalars, and\n"
"every error). ``resolve(value, plain, tag)`` is yamlsource.resolve_scalar.");

static PyObject *load(PyObject *module, PyObject *args)
{
    const char *buffer;
    Py_ssize_t length;
    PyObject *resolve;
    if (!PyArg_ParseTuple(args, "y#O:load", &buffer, &length, &resolve))
        return NULL;

    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser))
        return PyErr_NoMemory();
    yaml_parser_set_input_string(&parser, (const unsigned char *)buffer, (size_t)length);

    PyObject *positions = PyDict_New(), *root = NULL, *result = NULL;
    int status = 0;
    if (positions == NULL) {
        status = -1;
    } else if (next_is(&parser, YAML_STREAM_START_EVENT) && next_is(&parser, YAML_DOCUMENT_START_EVENT)) {
        status = build(&parser, resolve, positions, &root);
        if (status == 1 && !next_is(&parser, YAML_STREAM_END_EVENT))
            status = 0; /* a second document, or an error after the first */
    }
    yaml_parser_delete(&parser);

    if (status == 1)
        result = Py_BuildValue("(OO)", root, positions);
    else if (status == 0) {
        result = Py_None;
        Py_INCREF(result);
    }
    Py_XDECREF(root);
    Py_XDECREF(positions);
    return result;
}

static PyObject *libyaml_version(PyObject *module, PyObject *unused)
{
    return PyUnicode_FromString(yaml_get_version_string());
}

static PyMethodDef methods[] = {
    {"load", load, METH_VARARGS, load_doc},
    {"libyaml_version", libyaml_version, METH_NOARGS, "The version of the libyaml it was built with."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_yamlfast",
    "The common case of clstool.yamlio.read.read_yaml, with libyaml in C (see the source's header).",
    -1, methods,
};

PyMODINIT_FUNC PyInit__yamlfast(void)
{
    return PyModule_Create(&module);
}
