/* planar_host.c: a host whose audio callback hands rpyo its own buffers,
 * with a frame count that is odd and changes from call to call (as many
 * plugin hosts and sound servers do), while rpyo computes fixed blocks.
 *
 * A Sine (441 Hz, mul 0.5) plays on output 0 of a stereo server. The
 * whole of channel 0, across every call, must be one continuous sine
 * under pyo's start-up amplitude ramp: a lost, repeated or shifted frame
 * at a call boundary shows up as an error of about 0.03. Channel 1 must
 * be exactly silent.
 *
 *   server A: audio "manual", buffersize 256, rpyo_server_process_planar
 *             (f32), calls of 37, 512, 1, then other odd sizes;
 *   server B: audio "embedded", buffersize 100, alternating
 *             rpyo_server_process_interleaved_f64 and
 *             rpyo_server_process_planar_f64; it starts with whole blocks
 *             (the aligned path) and then switches to odd sizes.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude c-examples/planar_host.c \
 *           -Ltarget/debug -lrpyo -lm -Wl,-rpath,target/debug */

#include "rpyo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SR 44100.0
#define NCHNLS 2
#define SINE_FREQ 441.0
#define SINE_MUL 0.5
/* One second of audio at least, so that the check covers a long run of
 * call boundaries and the amplitude ramp is long over. */
#define MIN_TOTAL_FRAMES 44100L
/* The largest frame count any call below uses. */
#define MAX_CALL_FRAMES 2048

/* pyo's master amplitude ramps linearly from 0 to 1 over int(0.005 * sr)
 * samples after start. */
#define AMP_RAMP_LEN 220

/* See embedded_callback.c: the table-interpolated sine is within 1e-5 of
 * sin() at pyo's float phase; against the exact formula pyo's float phase
 * drifts by about 8e-4 per second at 441 Hz. Both are far below a one
 * frame slip (about 0.03). */
#define SINE_TOLERANCE 1e-4
#define EXACT_FORMULA_TOLERANCE 2e-3

/* Written into the host buffers before every call: a frame that rpyo does
 * not write keeps it, and fails the check. */
#define POISON 1000.0f

#include "check.h"

/* The expected output, frame by frame, of one server since its start. */
struct expectation {
    const char *name;
    long frame;       /* frames checked so far */
    float pyo_pos;    /* pyo's Sine table pointer, a float in [0, 512) */
    float pyo_step;   /* freq * 512 / sr, rounded to float as pyo does */
    double worst_sine;
    double worst_exact;
};

static void expectation_init(struct expectation *e, const char *name)
{
    e->name = name;
    e->frame = 0;
    e->pyo_pos = 0.0f;
    e->pyo_step = (float)SINE_FREQ * 512.0f / (float)SR;
    e->worst_sine = 0.0;
    e->worst_exact = 0.0;
}

/* Checks the next frame of output; `call` and `k` locate it for the message. */
static void expect_frame(struct expectation *e, double left, double right, int call, size_t call_frames,
                         size_t k)
{
    const double two_pi = 2.0 * acos(-1.0);
    long n = e->frame++;
    double gain = n < AMP_RAMP_LEN ? (double)(n + 1) / AMP_RAMP_LEN : 1.0;

    float pos = e->pyo_pos;
    while (pos >= 512.0f)
        pos -= 512.0f;
    e->pyo_pos = pos + e->pyo_step;

    double want = SINE_MUL * sin(two_pi * (double)pos / 512.0) * gain;
    double exact = SINE_MUL * sin(two_pi * SINE_FREQ * (double)n / SR) * gain;
    double d_sine = fabs(left - want);
    double d_exact = fabs(left - exact);
    if (d_sine > e->worst_sine)
        e->worst_sine = d_sine;
    if (d_exact > e->worst_exact)
        e->worst_exact = d_exact;

    if (!(d_sine <= SINE_TOLERANCE) || !(d_exact <= EXACT_FORMULA_TOLERANCE)) {
        fprintf(stderr,
                "planar_host: %s: channel 0, frame %ld (call %d of %zu frames, frame %zu of it): got %.9f, "
                "expected %.9f (pyo's float phase; off by %.3g, limit %.0e) / %.9f (exact formula; off by "
                "%.3g, limit %.0e)%s\n",
                e->name, n, call, call_frames, k, left, want, d_sine, SINE_TOLERANCE, exact, d_exact,
                EXACT_FORMULA_TOLERANCE, left == POISON ? " - the frame was never written" : "");
        exit(EXIT_FAILURE);
    }
    if (right != 0.0) {
        fprintf(stderr, "planar_host: %s: channel 1, frame %ld (call %d of %zu frames, frame %zu of it) is %.9g, "
                "expected silence%s\n",
                e->name, n, call, call_frames, k, right, right == POISON ? " (never written)" : "");
        exit(EXIT_FAILURE);
    }
}

/* A started server playing the Sine on output 0. */
static struct rpyo_server *sine_server(const char *audio, int buffersize, struct rpyo_object *sine)
{
    struct rpyo_server_options options;
    CHECK(rpyo_server_options_default(&options));
    options.sr = SR;
    options.nchnls = NCHNLS;
    options.buffersize = buffersize;
    options.audio = audio;

    struct rpyo_server *server = NULL;
    CHECK(rpyo_server_new(&options, &server));
    CHECK(rpyo_server_deactivate_midi(server));
    CHECK(rpyo_server_boot(server, true));
    CHECK(rpyo_object_new(server, "Sine", "freq=441, mul=0.5", sine));
    CHECK(rpyo_object_out(*sine, 0, 1, 0.0, 0.0));
    CHECK(rpyo_server_start(server));
    return server;
}

/* Server A: planar f32 buffers, buffersize 256. */
static void run_planar_f32(void)
{
    /* 37 starts the server off a block boundary, 512 spans two blocks from
     * the middle of one, 1 is the smallest call; then sizes just below, at
     * and above the block size, and a call longer than three blocks. */
    static const size_t first[] = {37, 512, 1};
    static const size_t cycle[] = {100, 255, 256, 3, 1000, 257, 511, 2};
    static float left[MAX_CALL_FRAMES], right[MAX_CALL_FRAMES];
    float *const outputs[NCHNLS] = {left, right};

    struct rpyo_object sine;
    struct rpyo_server *server = sine_server("manual", 256, &sine);
    struct expectation e;
    expectation_init(&e, "planar f32, buffersize 256");

    int call = 0;
    size_t total = 0;
    while (total < (size_t)MIN_TOTAL_FRAMES) {
        size_t frames = call < 3 ? first[call] : cycle[(call - 3) % (sizeof cycle / sizeof cycle[0])];
        for (size_t k = 0; k < frames; k++)
            left[k] = right[k] = POISON;

        CHECK(rpyo_server_process_planar(server, NULL, outputs, frames));

        for (size_t k = 0; k < frames; k++)
            expect_frame(&e, left[k], right[k], call, frames, k);
        total += frames;
        call++;
    }

    CHECK(rpyo_object_free(sine));
    rpyo_server_free(server);
    printf("planar_host: %s: %zu frames in %d calls OK (largest error %.2g; vs exact formula %.2g)\n", e.name,
           total, call, e.worst_sine, e.worst_exact);
}

/* Server B: f64 buffers, interleaved and planar in turn, buffersize 100. */
static void run_f64(void)
{
    /* 200 and 300 are whole blocks: rpyo starts on its aligned path and
     * must stay continuous when the 1-frame call moves it off. */
    static const size_t first[] = {200, 300};
    static const size_t cycle[] = {1, 255, 7, 513, 129, 64, 2047, 11, 100, 99};
    static double interleaved[MAX_CALL_FRAMES * NCHNLS];
    static double left[MAX_CALL_FRAMES], right[MAX_CALL_FRAMES];
    double *const outputs[NCHNLS] = {left, right};

    struct rpyo_object sine;
    struct rpyo_server *server = sine_server("embedded", 100, &sine);
    struct expectation e;
    expectation_init(&e, "f64 interleaved/planar, buffersize 100");

    int call = 0;
    size_t total = 0;
    while (total < (size_t)MIN_TOTAL_FRAMES) {
        size_t frames = call < 2 ? first[call] : cycle[(call - 2) % (sizeof cycle / sizeof cycle[0])];
        if (call % 2 == 0) {
            for (size_t k = 0; k < frames * NCHNLS; k++)
                interleaved[k] = POISON;
            CHECK(rpyo_server_process_interleaved_f64(server, NULL, interleaved, frames));
            for (size_t k = 0; k < frames; k++)
                expect_frame(&e, interleaved[k * NCHNLS], interleaved[k * NCHNLS + 1], call, frames, k);
        } else {
            for (size_t k = 0; k < frames; k++)
                left[k] = right[k] = POISON;
            CHECK(rpyo_server_process_planar_f64(server, NULL, outputs, frames));
            for (size_t k = 0; k < frames; k++)
                expect_frame(&e, left[k], right[k], call, frames, k);
        }
        total += frames;
        call++;
    }

    CHECK(rpyo_object_free(sine));
    rpyo_server_free(server);
    printf("planar_host: %s: %zu frames in %d calls OK (largest error %.2g; vs exact formula %.2g)\n", e.name,
           total, call, e.worst_sine, e.worst_exact);
}

int main(void)
{
    run_planar_f32();
    run_f64();
    return EXIT_SUCCESS;
}
