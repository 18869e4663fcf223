/* scripts.c: a host that runs pyo code the way the Pure Data external
 * does (pyo_exec_statement / pyo_exec_file and the `value`, `set`, `call`
 * and `clear` messages), with no Python: it runs a script, changes a
 * named object by message, reads what reaches the output, and checks the
 * errors a bad script gives (with line and column). Every result is
 * checked; any mismatch or failed call exits non-zero with a message.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude c-examples/scripts.c \
 *           -Ltarget/debug -lrpyo -lm -Wl,-rpath,target/debug */

#include "rpyo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

/* Runs `blocks` blocks and returns the last left and right samples. */
static void run(struct rpyo_server *srv, int blocks, float *left, float *right)
{
    float *out = NULL;
    CHECK(rpyo_server_output_buffer(srv, &out));
    for (int i = 0; i < blocks; i++)
        CHECK(rpyo_server_process_block(srv));
    *left = out[2 * 63];
    *right = out[2 * 63 + 1];
}

int main(void)
{
    struct rpyo_server_options opt;
    CHECK(rpyo_server_options_default(&opt));
    opt.audio = "manual";
    opt.duplex = 0;
    opt.buffersize = 64;
    opt.verbosity = 1;
    struct rpyo_server *srv = NULL;
    CHECK(rpyo_server_new(&opt, &srv));
    CHECK(rpyo_server_boot(srv, true));

    /* A patch in pyo's syntax: two constant signals, one per channel. */
    CHECK(rpyo_server_exec(srv, "from pyo import *\n"
                                "level = Sig(0.25)\n"
                                "left = Sig(level, mul=2).out()\n"
                                "right = Sig([0.1, 0.3]).mix(1)\n"
                                "right.out(1)\n"));
    CHECK(rpyo_server_start(srv));
    float l = 0.0f, r = 0.0f;
    run(srv, 20, &l, &r);
    /* The master amp settles a hair under 1 (as pyo's). */
    EXPECT(fabsf(l - 0.5f) < 1e-5f && fabsf(r - 0.4f) < 1e-5f, "left %g right %g", l, r);

    /* The Pd messages: value, set, call. */
    const float quarter[] = {0.125f};
    CHECK(rpyo_server_set_value(srv, "level", quarter, 1));
    const float three[] = {3.0f};
    CHECK(rpyo_server_set_attr(srv, "left.mul", three, 1));
    CHECK(rpyo_server_call(srv, "right.setMul", "0.5"));
    run(srv, 2, &l, &r);
    EXPECT(fabsf(l - 0.375f) < 1e-5f && fabsf(r - 0.2f) < 1e-5f, "after messages: left %g right %g", l, r);

    /* Errors say where; the failing statement changes nothing. */
    enum rpyo_status st = rpyo_server_exec(srv, "x = 1\nleft.mul = Sine(freq=[1, 2]\n");
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT && strncmp(rpyo_last_error(), "line 2, column 16:", 18) == 0,
           "a syntax error names its place: %s", rpyo_last_error());
    st = rpyo_server_exec(srv, "left.mul = 1\nleft.mul = nothing\n");
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT && strstr(rpyo_last_error(), "line 2, column 12") != NULL,
           "an unknown name names its place: %s", rpyo_last_error());
    run(srv, 2, &l, &r);
    EXPECT(fabsf(l - 0.125f) < 1e-5f, "the first statement applied (mul 1): left %g", l);
    st = rpyo_server_set_value(srv, "no such name", quarter, 1);
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT, "a message names an object by its variable");
    st = rpyo_server_exec(srv, NULL);
    EXPECT(st == RPYO_STATUS_NULL_POINTER, "NULL code is refused");
    st = rpyo_server_exec_file(srv, "/nonexistent/patch.py", 0);
    EXPECT(st == RPYO_STATUS_IO, "an unreadable file: %s", rpyo_last_error());

    /* clear: the scripts' objects go, and with them the sound. */
    CHECK(rpyo_server_clear(srv));
    run(srv, 2, &l, &r);
    EXPECT(l == 0.0f && r == 0.0f, "after clear: left %g right %g", l, r);
    rpyo_server_free(srv);
    printf("scripts: exec, messages, errors with line and column, clear as expected\n");
    return EXIT_SUCCESS;
}
