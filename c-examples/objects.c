/* objects.c: a host that builds its interface from rpyo's class registry
 * and patches objects through the generic C API, as a Pure Data external
 * or a plugin wrapper would: it lists the classes and their parameters,
 * creates objects from pyo-style argument strings (other objects by
 * "@id"), does arithmetic on objects, changes an input with a crossfade,
 * reads values back with rpyo_object_get, takes a trigger stream by its
 * key (pyo's obj['trig']) and calls a method (pyo's reset()) found in the
 * registry. Every result is checked;
 * any mismatch or failed call exits non-zero with a message.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude c-examples/objects.c \
 *           -Ltarget/debug -lrpyo -lm -Wl,-rpath,target/debug */

#include "rpyo.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* Finds a parameter of a class by name. */
static struct rpyo_param_info param_of(const char *class_name, const char *param)
{
    size_t count = 0;
    CHECK(rpyo_class_params(class_name, NULL, 0, &count));
    struct rpyo_param_info *info = calloc(count, sizeof *info);
    EXPECT(info != NULL, "out of memory");
    size_t again = 0;
    CHECK(rpyo_class_params(class_name, info, count, &again));
    EXPECT(again == count, "%zu parameters, then %zu", count, again);
    for (size_t i = 0; i < count; i++) {
        if (strcmp(info[i].name, param) == 0) {
            struct rpyo_param_info found = info[i];
            free(info);
            return found;
        }
    }
    free(info);
    fprintf(stderr, "objects.c: %s has no parameter %s\n", class_name, param);
    exit(EXIT_FAILURE);
}

/* "@<id>": how an argument string names an object. */
static void ref(char *buf, size_t len, struct rpyo_object o)
{
    snprintf(buf, len, "@%" PRIu64, o.id);
}

int main(void)
{
    /* The registry: every class has a name, a doc, and parameters. */
    size_t classes = rpyo_class_count();
    EXPECT(classes >= 60, "%zu classes", classes);
    const char *previous = "";
    for (size_t i = 0; i < classes; i++) {
        const char *name = rpyo_class_name(i);
        EXPECT(name != NULL && rpyo_class_doc(i) != NULL, "class %zu has a name and a doc", i);
        EXPECT(strcmp(previous, name) < 0, "classes in order: %s before %s", previous, name);
        size_t count = 0;
        CHECK(rpyo_class_params(name, NULL, 0, &count));
        EXPECT(count >= 2, "%s: mul and add at least, got %zu", name, count);
        previous = name;
    }
    EXPECT(rpyo_class_name(classes) == NULL, "NULL past the last class");

    struct rpyo_param_info freq = param_of("Sine", "freq");
    EXPECT(freq.kind == RPYO_PARAM_KIND_AUDIO && freq.default_value == 1000.0 && freq.in_constructor,
           "Sine.freq is audio-rate, 1000 by default");
    struct rpyo_param_info input = param_of("ButLP", "input");
    EXPECT(input.kind == RPYO_PARAM_KIND_INPUT && input.required, "ButLP.input is a required object");
    struct rpyo_param_info list = param_of("Linseg", "list");
    EXPECT(list.kind == RPYO_PARAM_KIND_PAIRS, "Linseg.list is a list of pairs");

    size_t count = 0;
    enum rpyo_status st = rpyo_class_params("NoSuchClass", NULL, 0, &count);
    EXPECT(st == RPYO_STATUS_NOT_FOUND && strstr(rpyo_last_error(), "Sine") != NULL,
           "an unknown class names the known ones: %s", rpyo_last_error());

    /* A manual server. */
    struct rpyo_server_options opt;
    CHECK(rpyo_server_options_default(&opt));
    opt.audio = "manual";
    opt.duplex = 0;
    opt.verbosity = 1;
    struct rpyo_server *srv = NULL;
    CHECK(rpyo_server_new(&opt, &srv));
    CHECK(rpyo_server_boot(srv, true));

    /* Sig(0.25) * Sig(4) - 0.5 = 0.5 exactly; 1 / Sig(0.25) = 4. */
    struct rpyo_object a, b, prod, diff, recip;
    CHECK(rpyo_object_new(srv, "Sig", "0.25", &a));
    CHECK(rpyo_object_new(srv, "Sig", "value=4", &b));
    CHECK(rpyo_object_arith_object(a, RPYO_ARITH_OP_MUL, b, &prod));
    CHECK(rpyo_object_arith(prod, RPYO_ARITH_OP_SUB, 0.5, &diff));
    CHECK(rpyo_object_arith(a, RPYO_ARITH_OP_REVERSE_DIV, 1.0, &recip));

    /* A filter reading a Sig through "@id", then switched to another input
     * with a crossfade; Mix of two objects' streams. */
    char args[128], ra[32], rb[32];
    ref(ra, sizeof ra, a);
    ref(rb, sizeof rb, b);
    struct rpyo_object mix, lp;
    snprintf(args, sizeof args, "[%s, %s], voices=1", ra, rb);
    CHECK(rpyo_object_new(srv, "Mix", args, &mix));
    snprintf(args, sizeof args, "%s, freq=1000", ra);
    CHECK(rpyo_object_new(srv, "ButLP", args, &lp));

    /* Errors name what is wrong. */
    struct rpyo_object bad;
    st = rpyo_object_new(srv, "ButLP", "freq=1000", &bad);
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT && strstr(rpyo_last_error(), "input") != NULL,
           "a missing input is named: %s", rpyo_last_error());
    st = rpyo_object_new(srv, "Sine", "frq=3", &bad);
    EXPECT(st == RPYO_STATUS_NOT_FOUND && strstr(rpyo_last_error(), "freq") != NULL,
           "an unknown keyword lists the parameters: %s", rpyo_last_error());
    st = rpyo_object_arith(a, 99, 1.0, &bad);
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT, "an unknown operator is refused");
    st = rpyo_object_set_input(a, b, 0.05);
    EXPECT(st == RPYO_STATUS_NOT_FOUND, "Sig has no input to fade: %s", rpyo_last_error());

    CHECK(rpyo_server_start(srv));
    for (int i = 0; i < 40; i++)
        CHECK(rpyo_server_process_block(srv));

    float v = 0.0f;
    CHECK(rpyo_object_get(diff, 0, &v));
    EXPECT(v == 0.5f, "Sig(0.25) * Sig(4) - 0.5 = %g", v);
    CHECK(rpyo_object_get(recip, 0, &v));
    EXPECT(v == 4.0f, "1 / Sig(0.25) = %g", v);
    CHECK(rpyo_object_get(mix, 0, &v));
    EXPECT(v == 4.25f, "Mix([Sig(0.25), Sig(4)]) = %g", v);
    CHECK(rpyo_object_get(lp, 0, &v));
    EXPECT(fabsf(v - 0.25f) < 1e-4f, "ButLP of a constant 0.25 settles at it: %g", v);

    /* setInput: after the 0.05 s fade the filter settles on Sig(4). */
    CHECK(rpyo_object_set_input(lp, b, 0.05));
    for (int i = 0; i < 40; i++)
        CHECK(rpyo_server_process_block(srv));
    CHECK(rpyo_object_get(lp, 0, &v));
    EXPECT(fabsf(v - 4.0f) < 1e-3f, "ButLP after setInput(Sig(4)): %g", v);

    /* In place: a *= 2 makes a's own output 0.5 and the product 2. */
    CHECK(rpyo_object_arith_in_place(a, RPYO_ARITH_OP_MUL, 2.0));
    CHECK(rpyo_server_process_block(srv));
    CHECK(rpyo_object_get(a, 0, &v));
    EXPECT(v == 0.5f, "Sig(0.25) *= 2 gives %g", v);
    CHECK(rpyo_object_get(prod, 0, &v));
    EXPECT(v == 2.0f, "then a * b = %g", v);

    /* Keys and methods from the registry: TableRead has 'trig', Counter's
     * reset takes one argument whose default is None (NaN). */
    struct rpyo_key_info keys[4];
    CHECK(rpyo_class_keys("TableRead", keys, 4, &count));
    EXPECT(count == 1 && strcmp(keys[0].name, "trig") == 0, "TableRead's keys: %zu", count);
    struct rpyo_method_info methods[4];
    CHECK(rpyo_class_methods("Counter", methods, 4, &count));
    EXPECT(count == 1 && strcmp(methods[0].name, "reset") == 0 && methods[0].arg_count == 1,
           "Counter's methods: %zu", count);
    struct rpyo_arg_info arg;
    CHECK(rpyo_class_method_args("Counter", "reset", &arg, 1, &count));
    EXPECT(count == 1 && strcmp(arg.name, "value") == 0 && isnan(arg.default_value), "Counter.reset(value=None)");

    /* A Fader's end trigger counted: Counter(fader['trig'], min=5) gives 5
     * once the 0.01 s envelope is over. */
    struct rpyo_object fader, trig, counter, phasor;
    CHECK(rpyo_object_new(srv, "Fader", "fadein=0.001, fadeout=0.001, dur=0.01", &fader));
    CHECK(rpyo_object_key(fader, "trig", &trig));
    snprintf(args, sizeof args, "@%" PRIu64 ", min=5", trig.id);
    CHECK(rpyo_object_new(srv, "Counter", args, &counter));
    CHECK(rpyo_object_play(fader, 0.0, 0.0));
    /* Phasor(100): reset() puts its phase back to 0 at the next block, whose
     * last sample is then 255 * 100 / 44100. */
    CHECK(rpyo_object_new(srv, "Phasor", "100", &phasor));
    for (int i = 0; i < 10; i++)
        CHECK(rpyo_server_process_block(srv));
    CHECK(rpyo_object_get(counter, 0, &v));
    EXPECT(v == 5.0f, "Counter(fader['trig'], min=5) after the fade: %g", v);
    CHECK(rpyo_object_call(phasor, "reset", NULL, 0));
    CHECK(rpyo_server_process_block(srv));
    CHECK(rpyo_object_get(phasor, 0, &v));
    EXPECT(fabsf(v - 255.0f * 100.0f / 44100.0f) < 1e-6f, "Phasor after reset(): %g", v);
    float seven = 7.0f;
    CHECK(rpyo_object_call(counter, "reset", &seven, 1));

    st = rpyo_object_key(phasor, "trig", &bad);
    EXPECT(st == RPYO_STATUS_NOT_FOUND && strstr(rpyo_last_error(), "Phasor") != NULL,
           "Phasor has no keys: %s", rpyo_last_error());
    st = rpyo_object_key(fader, "tirg", &bad);
    EXPECT(st == RPYO_STATUS_NOT_FOUND && strstr(rpyo_last_error(), "trig") != NULL,
           "an unknown key lists the keys: %s", rpyo_last_error());
    st = rpyo_object_call(phasor, "rest", NULL, 0);
    EXPECT(st == RPYO_STATUS_NOT_FOUND && strstr(rpyo_last_error(), "reset") != NULL,
           "an unknown method lists the methods: %s", rpyo_last_error());
    float two[2] = {1.0f, 2.0f};
    st = rpyo_object_call(counter, "reset", two, 2);
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT, "reset takes one argument: %s", rpyo_last_error());
    st = rpyo_object_call(counter, "reset", NULL, 1);
    EXPECT(st == RPYO_STATUS_NULL_POINTER, "NULL args with nargs 1");

    CHECK(rpyo_object_free(lp));
    st = rpyo_object_get(lp, 0, &v);
    EXPECT(st == RPYO_STATUS_STALE_HANDLE, "a freed object's handle is stale");
    rpyo_server_free(srv);
    printf("objects: %zu classes, arithmetic, Mix, setInput, get, keys and methods as expected\n", classes);
    return EXIT_SUCCESS;
}
