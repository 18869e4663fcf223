/* embedded_callback.c: a host that embeds rpyo the way pyo is embedded in
 * a plugin (pyo's "embedded" audio mode): the host owns the audio clock,
 * writes the server's interleaved input buffer, calls the embedded
 * callback once per block with the server id, and reads the output buffer.
 *
 * The patch is a Sine (441 Hz, mul 0.5) on output 0 and an Input reading
 * input channel 1 on output 1. Every output sample is checked against an
 * independent model of what pyo computes; any mismatch or failed call
 * exits non-zero with a message (and rpyo_last_error() for failed calls).
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude \
 *           c-examples/embedded_callback.c -Ltarget/debug -lrpyo -lm \
 *           -Wl,-rpath,target/debug */

#include "rpyo.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define SR 44100.0
#define BUFFERSIZE 256
#define NCHNLS 2
#define BLOCKS 100
#define SINE_FREQ 441.0
#define SINE_MUL 0.5

/* pyo's Server starts its master amplitude at 0 and ramps it linearly to
 * 1 over int(0.005 * sr) samples: 220 at 44100 Hz. */
#define AMP_RAMP_LEN 220

/* The sine output goes through a 512-point linearly interpolated table, so
 * it differs from sin() by up to about 1e-5; 1e-4 leaves room for float
 * rounding. The input passes through untouched apart from the gain. */
#define SINE_TOLERANCE 1e-4
#define INPUT_TOLERANCE 1e-6

/* pyo keeps the Sine's table position in a 32-bit float (MYFLT) and adds
 * freq*512/sr rounded to float every sample, so its phase slowly drifts
 * from the exact 2*pi*f*n/sr: at 441 Hz by about 8e-4 of full scale per
 * second. The tight check follows pyo's float phase; this looser one
 * against the exact formula still catches any slipped or repeated sample,
 * which would be off by about 0.03. */
#define EXACT_FORMULA_TOLERANCE 2e-3

#include "check.h"

/* The master gain of frame n after start. */
static double master_gain(long n)
{
    return n < AMP_RAMP_LEN ? (double)(n + 1) / AMP_RAMP_LEN : 1.0;
}

/* A test signal that is easy to recognise and never repeats within a
 * block: a sawtooth ramp from -1 to 1 over 997 frames (a prime, so it
 * does not line up with the block size). */
static float input_ramp(long n)
{
    return (float)(-1.0 + 2.0 * (double)(n % 997) / 997.0);
}

/* pyo's Sine table pointer: a float in [0, 512) advanced by a float step. */
struct pyo_phase {
    float pos;
    float step;
};

static double pyo_phase_next(struct pyo_phase *p)
{
    float pos = p->pos;
    while (pos >= 512.0f)
        pos -= 512.0f;
    p->pos = pos + p->step;
    return pos;
}

int main(void)
{
    const double two_pi = 2.0 * acos(-1.0);

    struct rpyo_server_options options;
    CHECK(rpyo_server_options_default(&options));
    options.sr = SR;
    options.nchnls = NCHNLS;
    options.buffersize = BUFFERSIZE;
    options.audio = "embedded";

    struct rpyo_server *server = NULL;
    CHECK(rpyo_server_new(&options, &server));
    /* A plugin host has no business opening MIDI ports of its own. */
    CHECK(rpyo_server_deactivate_midi(server));
    CHECK(rpyo_server_boot(server, true));

    int ichnls = 0;
    CHECK(rpyo_server_ichnls(server, &ichnls));
    if (ichnls != NCHNLS) {
        fprintf(stderr, "embedded_callback: ichnls is %d, expected %d (it follows nchnls by default)\n",
                ichnls, NCHNLS);
        return EXIT_FAILURE;
    }

    float *in = NULL;
    float *out = NULL;
    int id = -1;
    rpyo_embedded_callback callback = NULL;
    CHECK(rpyo_server_input_buffer(server, &in));
    CHECK(rpyo_server_output_buffer(server, &out));
    CHECK(rpyo_server_id(server, &id));
    CHECK(rpyo_server_embedded_callback(server, &callback));
    if (in == NULL || out == NULL || callback == NULL) {
        fprintf(stderr, "embedded_callback: a call returned OK but wrote NULL (in %p, out %p, callback %s)\n",
                (void *)in, (void *)out, callback ? "set" : "NULL");
        return EXIT_FAILURE;
    }

    struct rpyo_object sine = {0};
    struct rpyo_object input = {0};
    CHECK(rpyo_object_new(server, "Sine", "freq=441, mul=0.5", &sine));
    CHECK(rpyo_object_out(sine, 0, 1, 0.0, 0.0));
    CHECK(rpyo_object_new(server, "Input", "chnl=1", &input));
    CHECK(rpyo_object_out(input, 1, 1, 0.0, 0.0));
    CHECK(rpyo_server_start(server));

    struct pyo_phase phase = {0.0f, (float)SINE_FREQ * 512.0f / (float)SR};
    double worst_sine = 0.0, worst_exact = 0.0, worst_input = 0.0;

    for (long block = 0; block < BLOCKS; block++) {
        for (long i = 0; i < BUFFERSIZE; i++) {
            long n = block * BUFFERSIZE + i;
            /* Channel 0 carries a constant that must not reach any output:
             * it shows that Input reads the channel it was asked for. */
            in[i * NCHNLS + 0] = 0.75f;
            in[i * NCHNLS + 1] = input_ramp(n);
        }
        /* Poison the output so that a frame the callback does not write
         * cannot pass for the previous block's value. */
        for (long k = 0; k < BUFFERSIZE * NCHNLS; k++)
            out[k] = 1000.0f;

        callback(id);

        for (long i = 0; i < BUFFERSIZE; i++) {
            long n = block * BUFFERSIZE + i;
            double gain = master_gain(n);
            double left = out[i * NCHNLS + 0];
            double right = out[i * NCHNLS + 1];

            double pos = pyo_phase_next(&phase);
            double want_left = SINE_MUL * sin(two_pi * pos / 512.0) * gain;
            double exact_left = SINE_MUL * sin(two_pi * SINE_FREQ * (double)n / SR) * gain;
            double want_right = (double)input_ramp(n) * gain;

            double d_sine = fabs(left - want_left);
            double d_exact = fabs(left - exact_left);
            double d_input = fabs(right - want_right);
            if (d_sine > worst_sine)
                worst_sine = d_sine;
            if (d_exact > worst_exact)
                worst_exact = d_exact;
            if (d_input > worst_input)
                worst_input = d_input;

            if (!(d_sine <= SINE_TOLERANCE) || !(d_exact <= EXACT_FORMULA_TOLERANCE)) {
                fprintf(stderr,
                        "embedded_callback: left channel, frame %ld (block %ld, frame %ld of it): got %.9f, "
                        "expected %.9f (pyo's float phase; off by %.3g, limit %.0e) / %.9f (exact formula; "
                        "off by %.3g, limit %.0e)\n",
                        n, block, i, left, want_left, d_sine, SINE_TOLERANCE, exact_left, d_exact,
                        EXACT_FORMULA_TOLERANCE);
                return EXIT_FAILURE;
            }
            if (!(d_input <= INPUT_TOLERANCE)) {
                fprintf(stderr,
                        "embedded_callback: right channel, frame %ld (block %ld, frame %ld of it): got %.9f, "
                        "expected input %.9f x gain %.9f = %.9f (off by %.3g, limit %.0e)\n",
                        n, block, i, right, (double)input_ramp(n), gain, want_right, d_input, INPUT_TOLERANCE);
                return EXIT_FAILURE;
            }
        }
    }

    /* The server's clock must have advanced by exactly the blocks the host
     * asked for: no hidden extra or skipped block. */
    uint64_t samples = 0;
    CHECK(rpyo_server_current_time_in_samples(server, &samples));
    if (samples != (uint64_t)BLOCKS * BUFFERSIZE) {
        fprintf(stderr, "embedded_callback: server time is %llu samples, expected %d\n",
                (unsigned long long)samples, BLOCKS * BUFFERSIZE);
        return EXIT_FAILURE;
    }

    CHECK(rpyo_object_free(sine));
    CHECK(rpyo_object_free(input));
    rpyo_server_free(server);

    printf("embedded_callback: %d blocks of %d frames OK (largest error: sine %.2g, sine vs exact formula "
           "%.2g, input %.2g)\n",
           BLOCKS, BUFFERSIZE, worst_sine, worst_exact, worst_input);
    return EXIT_SUCCESS;
}
