/* null_safety.c: every function of rpyo.h called with what a buggy host
 * might pass - NULL pointers (one argument at a time), nonsense numbers,
 * malformed strings, stale and forged object handles, calls in the wrong
 * server state - and each time the exact status it must return. A failing
 * call must also leave its own, non-empty message in rpyo_last_error()
 * (and, where the argument at fault has a name, name it).
 *
 * The program must never crash. The checks at the end of the file guard
 * against bugs this test once found (two of them crashed the process).
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude c-examples/null_safety.c \
 *           -Ltarget/debug -lrpyo -Wl,-rpath,target/debug */

/* setenv (POSIX), for the JACK server name below. */
#define _POSIX_C_SOURCE 200112L

#include "rpyo.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int checks;

/* ----- checking ----- */

/* The message of a call made just before each checked call, so that a
 * checked call that fails without writing its own message is caught (the
 * previous message would still be there). No checked call gives this one. */
static char primed_message[1024];

static void prime_last_error(void)
{
    struct rpyo_server_options options;
    struct rpyo_server *server = NULL;
    rpyo_server_options_default(&options);
    options.struct_size = 1;
    if (rpyo_server_new(&options, &server) != RPYO_STATUS_INVALID_ARGUMENT) {
        fprintf(stderr, "null_safety: rpyo_server_new with struct_size 1 did not fail as expected\n");
        exit(EXIT_FAILURE);
    }
    snprintf(primed_message, sizeof primed_message, "%s", rpyo_last_error());
}

static const char *status_name(enum rpyo_status s)
{
    switch (s) {
    case RPYO_STATUS_OK: return "OK";
    case RPYO_STATUS_NULL_POINTER: return "NULL_POINTER";
    case RPYO_STATUS_INVALID_ARGUMENT: return "INVALID_ARGUMENT";
    case RPYO_STATUS_INVALID_STATE: return "INVALID_STATE";
    case RPYO_STATUS_QUEUE_FULL: return "QUEUE_FULL";
    case RPYO_STATUS_STALE_HANDLE: return "STALE_HANDLE";
    case RPYO_STATUS_BUSY: return "BUSY";
    case RPYO_STATUS_FEATURE_DISABLED: return "FEATURE_DISABLED";
    case RPYO_STATUS_NOT_FOUND: return "NOT_FOUND";
    case RPYO_STATUS_LIMIT: return "LIMIT";
    case RPYO_STATUS_UNSUPPORTED: return "UNSUPPORTED";
    case RPYO_STATUS_IO: return "IO";
    case RPYO_STATUS_PANIC: return "PANIC";
    }
    return "(not a status)";
}

static void check_status(enum rpyo_status got, enum rpyo_status want, const char *needle, const char *call,
                         int line)
{
    const char *msg = rpyo_last_error();
    if (got != want) {
        fprintf(stderr, "null_safety.c:%d: %s\n    returned %s (%d), expected %s (%d); rpyo_last_error(): \"%s\"\n",
                line, call, status_name(got), (int)got, status_name(want), (int)want, msg ? msg : "(NULL)");
        exit(EXIT_FAILURE);
    }
    if (want != RPYO_STATUS_OK) {
        if (msg == NULL || msg[0] == '\0') {
            fprintf(stderr, "null_safety.c:%d: %s\n    returned %s but rpyo_last_error() is empty\n", line, call,
                    status_name(got));
            exit(EXIT_FAILURE);
        }
        if (strcmp(msg, primed_message) == 0) {
            fprintf(stderr, "null_safety.c:%d: %s\n    returned %s without writing its own message "
                    "(rpyo_last_error() still holds the previous one)\n", line, call, status_name(got));
            exit(EXIT_FAILURE);
        }
        if (needle != NULL && strstr(msg, needle) == NULL) {
            fprintf(stderr, "null_safety.c:%d: %s\n    returned %s as expected, but its message \"%s\" does not "
                    "mention \"%s\"\n", line, call, status_name(got), msg, needle);
            exit(EXIT_FAILURE);
        }
    }
    checks++;
}

/* EXPECT(status, needle, call): `call` returns `status`; when that is a
 * failure, rpyo_last_error() is its own, non-empty message, containing
 * `needle` unless needle is NULL. */
#define EXPECT(want, needle, call)                                                                 \
    do {                                                                                           \
        prime_last_error();                                                                        \
        check_status((call), (want), (needle), #call, __LINE__);                                   \
    } while (0)

#define EXPECT_OK(call) check_status((call), RPYO_STATUS_OK, NULL, #call, __LINE__)

static void check_true(int ok, int line, const char *what)
{
    if (!ok) {
        fprintf(stderr, "null_safety.c:%d: check failed: %s (rpyo_last_error(): \"%s\")\n", line, what,
                rpyo_last_error());
        exit(EXIT_FAILURE);
    }
    checks++;
}

#define CHECK_TRUE(cond) check_true((cond) != 0, __LINE__, #cond)

/* The last failure's message mentions `text` too (a second needle). */
#define CHECK_MESSAGE_MENTIONS(text) check_true(strstr(rpyo_last_error(), (text)) != NULL, __LINE__, \
                                                "rpyo_last_error() mentions \"" text "\"")

/* ----- fixtures ----- */

/* Messages logged by the servers below (the default sink, stderr, would
 * clutter the output, and the refused rpyo_server_free must log). */
static int log_messages;
static int log_errors;

static void count_log(void *user, enum rpyo_log_level level, const char *message)
{
    (void)user;
    log_messages++;
    if (level == RPYO_LOG_LEVEL_ERROR)
        log_errors++;
    if (message == NULL) {
        fprintf(stderr, "null_safety: the log callback received a NULL message\n");
        exit(EXIT_FAILURE);
    }
}

static struct rpyo_server_options manual_options(void)
{
    struct rpyo_server_options o;
    if (rpyo_server_options_default(&o) != RPYO_STATUS_OK) {
        fprintf(stderr, "null_safety: rpyo_server_options_default failed: %s\n", rpyo_last_error());
        exit(EXIT_FAILURE);
    }
    o.audio = "manual";
    return o;
}

/* A stereo manual server, 256 frames, not booted, logging to count_log. */
static struct rpyo_server *new_server(void)
{
    struct rpyo_server_options o = manual_options();
    struct rpyo_server *s = NULL;
    EXPECT_OK(rpyo_server_new(&o, &s));
    CHECK_TRUE(s != NULL);
    EXPECT_OK(rpyo_server_set_log_callback(s, count_log, NULL));
    return s;
}

static struct rpyo_server *new_booted_server(void)
{
    struct rpyo_server *s = new_server();
    EXPECT_OK(rpyo_server_deactivate_midi(s));
    EXPECT_OK(rpyo_server_boot(s, true));
    return s;
}

/* A deterministic source of forged handles (xorshift64). */
static uint64_t rng_state = 0x9E3779B97F4A7C15u;

static uint64_t next_random(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}

/* Callbacks that must never run in these tests (they are set, then the
 * server is freed or never started). */
static void unused_process(void *user) { (void)user; }
static void unused_time(void *user, int h, int m, int s, int ms) { (void)user; (void)h; (void)m; (void)s; (void)ms; }
static void unused_meter(void *user, const float *levels, int n) { (void)user; (void)levels; (void)n; }

/* ----- the checks, by subject ----- */

static void library_info(void)
{
    const char *v = rpyo_version();
    CHECK_TRUE(v != NULL && v[0] != '\0');
    CHECK_TRUE(rpyo_abi_version() == RPYO_ABI_VERSION);
    for (int s = RPYO_STATUS_OK; s <= RPYO_STATUS_PANIC; s++) {
        const char *text = rpyo_status_str((enum rpyo_status)s);
        CHECK_TRUE(text != NULL && text[0] != '\0');
    }
}

static void options_and_new(void)
{
    struct rpyo_server_options o = manual_options();
    struct rpyo_server *s = NULL;

    EXPECT(RPYO_STATUS_NULL_POINTER, "options", rpyo_server_options_default(NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_new(&o, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_new(NULL, NULL));

    /* NULL options are pyo's defaults, not an error. */
    EXPECT_OK(rpyo_server_new(NULL, &s));
    CHECK_TRUE(s != NULL);
    rpyo_server_free(s);

    /* Each bad field alone, the rest valid; the message names the field. */
#define BAD_OPTION(field, value, needle)                                                           \
    do {                                                                                           \
        struct rpyo_server_options bad = manual_options();                                         \
        bad.field = value;                                                                         \
        struct rpyo_server *never = NULL;                                                          \
        EXPECT(RPYO_STATUS_INVALID_ARGUMENT, needle, rpyo_server_new(&bad, &never));               \
        CHECK_TRUE(never == NULL);                                                                 \
    } while (0)

    BAD_OPTION(struct_size, 0, "struct_size");
    BAD_OPTION(struct_size, sizeof(struct rpyo_server_options) + 16, "struct_size");
    BAD_OPTION(sr, NAN, "sr");
    BAD_OPTION(sr, INFINITY, "sr");
    BAD_OPTION(sr, -44100.0, "sr");
    BAD_OPTION(sr, 0.0, "sr");
    BAD_OPTION(sr, 999.0, "sr");
    BAD_OPTION(sr, 1e12, "sr");
    BAD_OPTION(nchnls, 0, "nchnls");
    BAD_OPTION(nchnls, -1, "nchnls");
    BAD_OPTION(nchnls, 257, "nchnls");
    BAD_OPTION(nchnls, INT32_MAX, "nchnls");
    BAD_OPTION(nchnls, INT32_MIN, "nchnls");
    BAD_OPTION(buffersize, 0, "buffersize");
    BAD_OPTION(buffersize, -256, "buffersize");
    BAD_OPTION(buffersize, 16385, "buffersize");
    BAD_OPTION(buffersize, INT32_MAX, "buffersize");
    BAD_OPTION(duplex, -1, "duplex");
    BAD_OPTION(duplex, 2, "duplex");
    BAD_OPTION(ichnls, 0, "ichnls");
    BAD_OPTION(ichnls, -2, "ichnls");
    BAD_OPTION(ichnls, 257, "ichnls");
    BAD_OPTION(verbosity, -1, "verbosity");
    BAD_OPTION(verbosity, 16, "verbosity");
    BAD_OPTION(audio, "", "audio");
    BAD_OPTION(audio, "alsa", "audio");
    BAD_OPTION(audio, "\xff\xfe", "audio");
    BAD_OPTION(midi, "alsa", "midi");
    BAD_OPTION(jackname, "", "jackname");
#undef BAD_OPTION
}

/* Every function that takes a server, with server NULL, and every output
 * pointer NULL in turn. */
static void null_pointers(void)
{
    struct rpyo_server_options o = manual_options();
    int i = 0;
    double d = 0.0;
    float f = 0.0f;
    size_t n = 0;
    uint64_t u64 = 0;
    uint32_t u32 = 0;
    float *buffer = NULL;
    rpyo_embedded_callback cb = NULL;
    char text[32];
    float amps[4];
    struct rpyo_stream_info infos[4];
    struct rpyo_object h = {0};

    /* server NULL */
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_boot(NULL, true));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_start(NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_stop(NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_shutdown(NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_reinit(NULL, &o));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_sampling_rate(NULL, 48000.0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_buffer_size(NULL, 128));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_nchnls(NULL, 2));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_ichnls(NULL, 2));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_duplex(NULL, 1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_input_device(NULL, -1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_output_device(NULL, -1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_inout_device(NULL, -1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_input_offset(NULL, 0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_output_offset(NULL, 0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_inout_offset(NULL, 0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_midi_input_device(NULL, -1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_midi_output_device(NULL, -1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_is_jack_transport_slave(NULL, 0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_deactivate_midi(NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_allow_microsoft_midi_devices(NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_verbosity(NULL, 7));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_amp(NULL, 1.0f));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_global_seed(NULL, 1));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_start_offset(NULL, 0.0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_global_dur(NULL, 0.0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_global_del(NULL, 0.0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_auto_start_children(NULL, 0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_is_booted(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_is_started(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_sampling_rate(NULL, &d));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_nchnls(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_ichnls(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_buffer_size(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_duplex(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_id(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_stream_count(NULL, &n));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_current_time_in_samples(NULL, &u64));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_midi_active(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_amp(NULL, &f));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_verbosity(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_global_seed(NULL, &u32));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_start_offset(NULL, &d));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_global_dur(NULL, &d));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_global_del(NULL, &d));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_auto_start_children(NULL, &i));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_midi_rejected(NULL, &u64));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_current_time(NULL, text, sizeof text));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_current_amps(NULL, amps, 4, &n));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_streams(NULL, infos, 4, &n));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_process_callback(NULL, unused_process, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_time_callback(NULL, unused_time, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_meter_callback(NULL, unused_meter, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_log_callback(NULL, count_log, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_add_midi_event(NULL, 144, 60, 100));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_add_midi_event_at(NULL, 144, 60, 100, 0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_input_buffer(NULL, &buffer));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_output_buffer(NULL, &buffer));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_embedded_callback(NULL, &cb));
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_process_block(NULL));
    {
        float out32[2 * 16];
        double out64[2 * 16];
        float *planes32[2] = {out32, out32 + 16};
        double *planes64[2] = {out64, out64 + 16};
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_process_interleaved(NULL, NULL, out32, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_process_interleaved_f64(NULL, NULL, out64, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_process_planar(NULL, NULL, planes32, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_process_planar_f64(NULL, NULL, planes64, 16));
    }
    EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_object_new(NULL, "Sine", "", &h));

    /* A live server, each other pointer NULL in turn. */
    struct rpyo_server *s = new_booted_server();
    EXPECT(RPYO_STATUS_NULL_POINTER, "options", rpyo_server_reinit(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_is_booted(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_is_started(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_sampling_rate(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_nchnls(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_ichnls(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_buffer_size(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_duplex(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_id(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_stream_count(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_current_time_in_samples(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_midi_active(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_amp(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_verbosity(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_global_seed(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_start_offset(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_global_dur(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_global_del(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_auto_start_children(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_midi_rejected(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_input_buffer(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_output_buffer(s, NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_embedded_callback(s, NULL));

    EXPECT(RPYO_STATUS_NULL_POINTER, "buf", rpyo_server_current_time(s, NULL, sizeof text));
    EXPECT(RPYO_STATUS_NULL_POINTER, "buf", rpyo_server_current_time(s, NULL, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "buf", rpyo_server_current_time(s, text, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "buf", rpyo_server_current_time(s, text, 5));
    EXPECT_OK(rpyo_server_current_time(s, text, sizeof text));
    CHECK_TRUE(strlen(text) > 0 && strlen(text) < sizeof text);

    EXPECT(RPYO_STATUS_NULL_POINTER, "amps", rpyo_server_current_amps(s, NULL, 4, &n));
    EXPECT(RPYO_STATUS_NULL_POINTER, "count", rpyo_server_current_amps(s, amps, 4, NULL));
    /* No room (NULL, 0) is a valid way to ask only for the count. */
    n = 0;
    EXPECT_OK(rpyo_server_current_amps(s, NULL, 0, &n));
    CHECK_TRUE(n == 2);
    amps[1] = -1.0f;
    EXPECT_OK(rpyo_server_current_amps(s, amps, 1, &n));
    CHECK_TRUE(n == 2 && amps[1] == -1.0f); /* only as many as fit are written */

    EXPECT(RPYO_STATUS_NULL_POINTER, "infos", rpyo_server_streams(s, NULL, 4, &n));
    EXPECT(RPYO_STATUS_NULL_POINTER, "count", rpyo_server_streams(s, infos, 4, NULL));
    n = 99;
    EXPECT_OK(rpyo_server_streams(s, NULL, 0, &n));
    CHECK_TRUE(n == 0);

    /* NULL callbacks clear (not an error); the log sink goes back to stderr
     * and is then restored so the rest stays quiet. */
    EXPECT_OK(rpyo_server_set_process_callback(s, NULL, NULL));
    EXPECT_OK(rpyo_server_set_time_callback(s, NULL, NULL));
    EXPECT_OK(rpyo_server_set_meter_callback(s, NULL, NULL));
    EXPECT_OK(rpyo_server_set_log_callback(s, NULL, NULL));
    EXPECT_OK(rpyo_server_set_log_callback(s, count_log, NULL));

    /* Objects: each pointer NULL in turn. */
    EXPECT(RPYO_STATUS_NULL_POINTER, "class_name", rpyo_object_new(s, NULL, "", &h));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_object_new(s, "Sine", "", NULL));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_object_new(s, NULL, NULL, NULL));
    /* NULL args means the defaults. */
    EXPECT_OK(rpyo_object_new(s, "Sine", NULL, &h));
    float values[2] = {220.0f, 330.0f};
    EXPECT(RPYO_STATUS_NULL_POINTER, "name", rpyo_object_set_float(h, NULL, 1.0));
    EXPECT(RPYO_STATUS_NULL_POINTER, "name", rpyo_object_set_list(h, NULL, values, 2));
    EXPECT(RPYO_STATUS_NULL_POINTER, "values", rpyo_object_set_list(h, "freq", NULL, 2));
    EXPECT(RPYO_STATUS_NULL_POINTER, "name", rpyo_object_set_object(h, NULL, h));
    EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_object_stream_count(h, NULL));
    EXPECT_OK(rpyo_object_free(h));

    /* Process with NULL output, or a NULL channel among the planes. */
    {
        float out32[2 * 16], in32[2 * 16];
        double out64[2 * 16], in64[2 * 16];
        float *planes32[2] = {out32, NULL};
        double *planes64[2] = {NULL, out64};
        const float *in_planes32[2] = {in32, NULL};
        const double *in_planes64[2] = {NULL, in64};
        float *good32[2] = {out32, out32 + 16};
        double *good64[2] = {out64, out64 + 16};
        memset(in32, 0, sizeof in32);
        memset(in64, 0, sizeof in64);
        EXPECT(RPYO_STATUS_NULL_POINTER, "output", rpyo_server_process_interleaved(s, in32, NULL, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "output", rpyo_server_process_interleaved_f64(s, in64, NULL, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "output", rpyo_server_process_planar(s, NULL, NULL, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "output", rpyo_server_process_planar_f64(s, NULL, NULL, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "output", rpyo_server_process_planar(s, NULL, planes32, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "output", rpyo_server_process_planar_f64(s, NULL, planes64, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "input", rpyo_server_process_planar(s, in_planes32, good32, 16));
        EXPECT(RPYO_STATUS_NULL_POINTER, "input", rpyo_server_process_planar_f64(s, in_planes64, good64, 16));
    }
    rpyo_server_free(s);

    /* Freeing NULL is a no-op. */
    rpyo_server_free(NULL);
    checks++;
}

/* Pre-boot setters with nonsense, and runtime setters with nonsense; a
 * refused value must leave the setting as it was. */
static void bad_numbers(void)
{
    struct rpyo_server *s = new_server();
    int i = 0;
    float f = 0.0f;
    double d = 0.0;

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setSamplingRate", rpyo_server_set_sampling_rate(s, NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setSamplingRate", rpyo_server_set_sampling_rate(s, INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setSamplingRate", rpyo_server_set_sampling_rate(s, -INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setSamplingRate", rpyo_server_set_sampling_rate(s, -48000.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setSamplingRate", rpyo_server_set_sampling_rate(s, 0.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setSamplingRate", rpyo_server_set_sampling_rate(s, 1e12));
    EXPECT_OK(rpyo_server_sampling_rate(s, &d));
    CHECK_TRUE(d == 44100.0);

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setBufferSize", rpyo_server_set_buffer_size(s, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setBufferSize", rpyo_server_set_buffer_size(s, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setBufferSize", rpyo_server_set_buffer_size(s, 16385));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setBufferSize", rpyo_server_set_buffer_size(s, INT_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setBufferSize", rpyo_server_set_buffer_size(s, INT_MIN));
    EXPECT_OK(rpyo_server_buffer_size(s, &i));
    CHECK_TRUE(i == 256);

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setNchnls", rpyo_server_set_nchnls(s, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setNchnls", rpyo_server_set_nchnls(s, -2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setNchnls", rpyo_server_set_nchnls(s, 257));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setNchnls", rpyo_server_set_nchnls(s, INT_MIN));
    EXPECT_OK(rpyo_server_nchnls(s, &i));
    CHECK_TRUE(i == 2);
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setIchnls", rpyo_server_set_ichnls(s, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setIchnls", rpyo_server_set_ichnls(s, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setIchnls", rpyo_server_set_ichnls(s, 257));
    EXPECT_OK(rpyo_server_ichnls(s, &i));
    CHECK_TRUE(i == 2);
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setDuplex", rpyo_server_set_duplex(s, 2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setDuplex", rpyo_server_set_duplex(s, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setInputDevice", rpyo_server_set_input_device(s, -2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setOutputDevice", rpyo_server_set_output_device(s, INT_MIN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setInOutDevice", rpyo_server_set_inout_device(s, -2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setInputOffset", rpyo_server_set_input_offset(s, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setOutputOffset", rpyo_server_set_output_offset(s, INT_MIN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setInOutOffset", rpyo_server_set_inout_offset(s, -5));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setMidiInputDevice", rpyo_server_set_midi_input_device(s, -2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setMidiOutputDevice", rpyo_server_set_midi_output_device(s, INT_MIN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setIsJackTransportSlave", rpyo_server_set_is_jack_transport_slave(s, 2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setIsJackTransportSlave",
           rpyo_server_set_is_jack_transport_slave(s, -1));

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setVerbosity", rpyo_server_set_verbosity(s, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setVerbosity", rpyo_server_set_verbosity(s, 16));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setVerbosity", rpyo_server_set_verbosity(s, INT_MAX));
    EXPECT_OK(rpyo_server_verbosity(s, &i));
    CHECK_TRUE(i == 7);

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "amp", rpyo_server_set_amp(s, NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "amp", rpyo_server_set_amp(s, INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "amp", rpyo_server_set_amp(s, -INFINITY));
    EXPECT_OK(rpyo_server_amp(s, &f));
    CHECK_TRUE(f == 1.0f);

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalSeed", rpyo_server_set_global_seed(s, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalSeed", rpyo_server_set_global_seed(s, (int64_t)UINT32_MAX + 1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalSeed", rpyo_server_set_global_seed(s, INT64_MIN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setStartOffset", rpyo_server_set_start_offset(s, -1.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setStartOffset", rpyo_server_set_start_offset(s, NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setStartOffset", rpyo_server_set_start_offset(s, INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalDur", rpyo_server_set_global_dur(s, -0.5));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalDur", rpyo_server_set_global_dur(s, NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalDel", rpyo_server_set_global_del(s, -0.5));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setGlobalDel", rpyo_server_set_global_del(s, INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setAutoStartChildren", rpyo_server_set_auto_start_children(s, 2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "setAutoStartChildren", rpyo_server_set_auto_start_children(s, -1));
    EXPECT_OK(rpyo_server_start_offset(s, &d));
    CHECK_TRUE(d == 0.0);

    /* reinit validates like rpyo_server_new. */
    struct rpyo_server_options o = manual_options();
    o.buffersize = -1;
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "buffersize", rpyo_server_reinit(s, &o));
    o = manual_options();
    o.struct_size = 0;
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "struct_size", rpyo_server_reinit(s, &o));

    rpyo_server_free(s);
}

/* What is refused before boot, after boot, and around boot. */
static void server_states(void)
{
    struct rpyo_server *s = new_server();
    int i = -1;
    float *buffer = NULL;
    struct rpyo_object h = {0};
    float out32[2 * 16];
    double out64[2 * 16];
    float *planes32[2] = {out32, out32 + 16};
    double *planes64[2] = {out64, out64 + 16};

    /* Not booted. */
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_input_buffer(s, &buffer));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_output_buffer(s, &buffer));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_process_block(s));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_process_interleaved(s, NULL, out32, 16));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_process_interleaved_f64(s, NULL, out64, 16));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_process_planar(s, NULL, planes32, 16));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_process_planar_f64(s, NULL, planes64, 16));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_start(s));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_stop(s));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_object_new(s, "Sine", "", &h));
    CHECK_TRUE(h.id == 0);
    EXPECT_OK(rpyo_server_shutdown(s)); /* documented: no effect when not booted */

    /* The embedded callback of a server that is not booted does nothing. */
    rpyo_embedded_callback cb = NULL;
    EXPECT_OK(rpyo_server_embedded_callback(s, &cb));
    EXPECT_OK(rpyo_server_id(s, &i));
    CHECK_TRUE(cb != NULL && i >= 0 && i <= 255);
    cb(i);
    checks++;

    /* Booted: every pre-boot setting is refused. */
    EXPECT_OK(rpyo_server_deactivate_midi(s));
    EXPECT_OK(rpyo_server_boot(s, true));
    EXPECT(RPYO_STATUS_INVALID_STATE, "already", rpyo_server_boot(s, true));
    EXPECT(RPYO_STATUS_INVALID_STATE, "already", rpyo_server_boot(s, false));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setSamplingRate", rpyo_server_set_sampling_rate(s, 48000.0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setBufferSize", rpyo_server_set_buffer_size(s, 128));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setNchnls", rpyo_server_set_nchnls(s, 4));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setIchnls", rpyo_server_set_ichnls(s, 4));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setDuplex", rpyo_server_set_duplex(s, 0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setInputDevice", rpyo_server_set_input_device(s, 0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setOutputDevice", rpyo_server_set_output_device(s, 0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setInOutDevice", rpyo_server_set_inout_device(s, 0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setInputOffset", rpyo_server_set_input_offset(s, 1));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setOutputOffset", rpyo_server_set_output_offset(s, 1));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setInOutOffset", rpyo_server_set_inout_offset(s, 1));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setMidiInputDevice", rpyo_server_set_midi_input_device(s, 0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setMidiOutputDevice", rpyo_server_set_midi_output_device(s, 0));
    EXPECT(RPYO_STATUS_INVALID_STATE, "setIsJackTransportSlave", rpyo_server_set_is_jack_transport_slave(s, 1));
    EXPECT(RPYO_STATUS_INVALID_STATE, "deactivateMidi", rpyo_server_deactivate_midi(s));
    EXPECT(RPYO_STATUS_INVALID_STATE, "allowMicrosoftMidiDevices", rpyo_server_allow_microsoft_midi_devices(s));
    {
        struct rpyo_server_options o = manual_options();
        EXPECT(RPYO_STATUS_INVALID_STATE, "reinit", rpyo_server_reinit(s, &o));
    }
    EXPECT_OK(rpyo_server_buffer_size(s, &i));
    CHECK_TRUE(i == 256);

    /* The runtime settings stay allowed. */
    EXPECT_OK(rpyo_server_set_verbosity(s, 7));
    EXPECT_OK(rpyo_server_set_amp(s, 0.5f));
    EXPECT_OK(rpyo_server_set_global_seed(s, 42));
    EXPECT_OK(rpyo_server_set_auto_start_children(s, 1));

    /* Frame counts: 0 is nothing to do; one so large that frames * nchnls
     * overflows size_t is refused. (Other huge counts: see
     * huge_frame_counts.) */
    EXPECT_OK(rpyo_server_process_interleaved(s, NULL, out32, 0));
    EXPECT_OK(rpyo_server_process_planar(s, NULL, planes32, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frames", rpyo_server_process_interleaved(s, NULL, out32, SIZE_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frames", rpyo_server_process_interleaved_f64(s, NULL, out64, SIZE_MAX));

    /* Shut down, then booted again with new_buffer 0 after a change of
     * buffer size: the kept buffers no longer fit. */
    EXPECT_OK(rpyo_server_shutdown(s));
    EXPECT(RPYO_STATUS_INVALID_STATE, NULL, rpyo_server_input_buffer(s, &buffer));
    EXPECT_OK(rpyo_server_set_buffer_size(s, 128));
    EXPECT(RPYO_STATUS_INVALID_STATE, "new_buffer", rpyo_server_boot(s, false));
    EXPECT_OK(rpyo_server_is_booted(s, &i));
    CHECK_TRUE(i == 0);
    EXPECT_OK(rpyo_server_boot(s, true));
    EXPECT_OK(rpyo_server_is_booted(s, &i));
    CHECK_TRUE(i == 1);
    rpyo_server_free(s);

    /* Backends that are not compiled in: refused at boot, naming the Cargo
     * feature; the server can then be reconfigured and booted. Built with
     * the feature `jack` (cargo test --all-features), audio 'jack' meets no
     * JACK server of this name instead: a clear IO error. */
    setenv("JACK_DEFAULT_SERVER", "rpyo_null_safety_no_such_server", 1);
    static const struct {
        const char *audio;
        const char *feature;
    } disabled[] = {{"jack", "jack"}, {"pa", "cpal"}, {"portaudio", "cpal"}, {"coreaudio", "cpal"}};
    /* The features the library was built with ("cpal,midir", "", ...). */
    const char *enabled = rpyo_features();
    CHECK_TRUE(enabled != NULL);
    for (size_t k = 0; k < sizeof disabled / sizeof disabled[0]; k++) {
        if (strstr(enabled, disabled[k].feature)) continue;
        struct rpyo_server_options o = manual_options();
        o.audio = disabled[k].audio;
        struct rpyo_server *d = NULL;
        EXPECT_OK(rpyo_server_new(&o, &d));
        EXPECT_OK(rpyo_server_set_log_callback(d, count_log, NULL));
        EXPECT_OK(rpyo_server_deactivate_midi(d));
        prime_last_error();
        enum rpyo_status st = rpyo_server_boot(d, true);
        if (st == RPYO_STATUS_IO && strcmp(disabled[k].audio, "jack") == 0) {
            check_status(st, RPYO_STATUS_IO, "JACK server", "rpyo_server_boot(d, true)", __LINE__);
            CHECK_MESSAGE_MENTIONS("rpyo_null_safety_no_such_server");
        } else {
            check_status(st, RPYO_STATUS_FEATURE_DISABLED, "feature", "rpyo_server_boot(d, true)", __LINE__);
            CHECK_MESSAGE_MENTIONS("feature");
            check_true(strstr(rpyo_last_error(), disabled[k].feature) != NULL, __LINE__,
                       "the FEATURE_DISABLED message names the Cargo feature");
        }
        EXPECT_OK(rpyo_server_is_booted(d, &i));
        CHECK_TRUE(i == 0);
        o.audio = "manual";
        EXPECT_OK(rpyo_server_reinit(d, &o));
        EXPECT_OK(rpyo_server_boot(d, true));
        rpyo_server_free(d);
    }

    /* Offline rendering needs a duration (recordOptions dur > 0). */
    {
        struct rpyo_server_options o = manual_options();
        o.audio = "offline";
        struct rpyo_server *d = NULL;
        EXPECT_OK(rpyo_server_new(&o, &d));
        EXPECT_OK(rpyo_server_set_log_callback(d, count_log, NULL));
        EXPECT_OK(rpyo_server_deactivate_midi(d));
        EXPECT_OK(rpyo_server_boot(d, true));
        EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "dur", rpyo_server_start(d));
        EXPECT(RPYO_STATUS_INVALID_STATE, "offline", rpyo_server_recstart(d, NULL));
        EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "fileformat", rpyo_server_record_options(d, 1.0, NULL, 8, 0, 0.4));
        EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "sampletype", rpyo_server_record_options(d, 1.0, NULL, 0, -1, 0.4));
        EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "quality", rpyo_server_record_options(d, 1.0, NULL, 0, 0, 1.5));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_recstart(NULL, NULL));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_recstop(NULL));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_record_options(NULL, 1.0, NULL, 0, 0, 0.4));
        EXPECT(RPYO_STATUS_NULL_POINTER, "out", rpyo_server_rec_lost_frames(d, NULL));
        EXPECT(RPYO_STATUS_NULL_POINTER, "done", rpyo_server_wait(d, 0, NULL));
        EXPECT(RPYO_STATUS_NULL_POINTER, "server", rpyo_server_set_done_callback(NULL, NULL, NULL));
        EXPECT(RPYO_STATUS_INVALID_STATE, "not recording", rpyo_server_recstop(d));
        rpyo_server_free(d);
    }
}

/* Object creation and setters with bad names, bad values, malformed
 * argument strings. */
static void object_arguments(void)
{
    struct rpyo_server *s = new_booted_server();
    struct rpyo_object sine = {0}, input = {0}, h = {0};
    size_t n = 0;

    EXPECT_OK(rpyo_object_new(s, "Sine", "freq=440, mul=0.5", &sine));
    EXPECT_OK(rpyo_object_new(s, "Input", "chnl=1", &input));

    /* Unknown classes: NOT_FOUND, and the message lists what exists. */
    EXPECT(RPYO_STATUS_NOT_FOUND, "Sine", rpyo_object_new(s, "Sinus", "", &h));
    EXPECT(RPYO_STATUS_NOT_FOUND, "sine", rpyo_object_new(s, "sine", "", &h)); /* case matters, as in pyo */
    EXPECT(RPYO_STATUS_NOT_FOUND, NULL, rpyo_object_new(s, "", "", &h));
    EXPECT(RPYO_STATUS_NOT_FOUND, NULL, rpyo_object_new(s, "Sine(440)", "", &h));
    CHECK_TRUE(h.id == 0);

    /* Unknown keyword: NOT_FOUND naming it. */
    EXPECT(RPYO_STATUS_NOT_FOUND, "frequency", rpyo_object_new(s, "Sine", "frequency=440", &h));
    EXPECT(RPYO_STATUS_NOT_FOUND, "chnls", rpyo_object_new(s, "Input", "chnls=1", &h));

    /* Malformed argument strings: INVALID_ARGUMENT with the column. */
    static const char *const malformed[] = {
        "freq=",            /* no value */
        "freq=440,, mul=1", /* empty argument */
        "440 880",          /* missing comma */
        "[1, 2",            /* unclosed list */
        "freq=[]",          /* empty list */
        "freq=nan",         /* not a number in pyo's syntax */
        "freq=1e999",       /* not finite */
        "mul=0.5, 440",     /* positional after keyword */
        "freq=1, freq=2",   /* keyword twice */
        "1, 2, 3, 4, 5",    /* Sine takes freq, phase, mul, add */
        "freq='440'",       /* a string where a number goes */
        "freq=\"440",       /* unterminated string */
        "=440",             /* no name */
        "freq=4-4",         /* not a number */
        "\xff",             /* not UTF-8 */
    };
    for (size_t k = 0; k < sizeof malformed / sizeof malformed[0]; k++) {
        prime_last_error();
        char what[96];
        snprintf(what, sizeof what, "rpyo_object_new(s, \"Sine\", malformed[%zu], &h)", k);
        check_status(rpyo_object_new(s, "Sine", malformed[k], &h), RPYO_STATUS_INVALID_ARGUMENT, NULL, what,
                     __LINE__);
        check_true(h.id == 0, __LINE__, "a failed rpyo_object_new leaves a zero handle");
    }
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "column", rpyo_object_new(s, "Sine", "freq=", &h));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, NULL, rpyo_object_new(s, "\xff", "", &h));

    /* Multichannel expansion works, for comparison. */
    EXPECT_OK(rpyo_object_new(s, "Sine", "freq=[220, 330, 440]", &h));
    EXPECT_OK(rpyo_object_stream_count(h, &n));
    CHECK_TRUE(n == 3);
    EXPECT_OK(rpyo_object_free(h));

    /* Setters. */
    float values[3] = {220.0f, 330.0f, NAN};
    EXPECT(RPYO_STATUS_NOT_FOUND, "nope", rpyo_object_set_float(sine, "nope", 1.0));
    EXPECT(RPYO_STATUS_NOT_FOUND, "", rpyo_object_set_float(sine, "", 1.0));
    EXPECT(RPYO_STATUS_NOT_FOUND, "FREQ", rpyo_object_set_float(sine, "FREQ", 1.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "value", rpyo_object_set_float(sine, "freq", NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "value", rpyo_object_set_float(sine, "freq", INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "value", rpyo_object_set_float(sine, "mul", -INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "len", rpyo_object_set_list(sine, "freq", values, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "len", rpyo_object_set_list(sine, "freq", values, SIZE_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, NULL, rpyo_object_set_list(sine, "freq", values, 3));
    EXPECT(RPYO_STATUS_NOT_FOUND, "nope", rpyo_object_set_list(sine, "nope", values, 2));
    EXPECT_OK(rpyo_object_set_list(sine, "freq", values, 2));

    EXPECT(RPYO_STATUS_NOT_FOUND, "nope", rpyo_object_set_object(sine, "nope", input));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, NULL, rpyo_object_set_object(sine, "freq", sine)); /* reads itself */
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "chnl", rpyo_object_set_object(input, "chnl", sine)); /* not audio-rate */

    /* play/out/stop: negative or non-finite times, negative channel. */
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "dur", rpyo_object_play(sine, -1.0, 0.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "delay", rpyo_object_play(sine, 0.0, -1.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "dur", rpyo_object_play(sine, NAN, 0.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "delay", rpyo_object_play(sine, 0.0, INFINITY));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "chnl", rpyo_object_out(sine, -1, 1, 0.0, 0.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "chnl", rpyo_object_out(sine, INT_MIN, 1, 0.0, 0.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "dur", rpyo_object_out(sine, 0, 1, -0.1, 0.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "delay", rpyo_object_out(sine, 0, 1, 0.0, NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "wait", rpyo_object_stop(sine, -1.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "wait", rpyo_object_stop(sine, NAN));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "delay", rpyo_object_set_stop_delay(sine, -1.0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "delay", rpyo_object_set_stop_delay(sine, INFINITY));
    /* A channel past the last wraps around (pyo's chnl % nchnls), extreme
     * increments included. */
    EXPECT_OK(rpyo_object_out(sine, INT_MAX, INT_MAX, 0.0, 0.0));
    EXPECT_OK(rpyo_object_out(sine, 3, INT_MIN, 0.0, 0.0));

    EXPECT_OK(rpyo_object_free(sine));
    EXPECT_OK(rpyo_object_free(input));
    rpyo_server_free(s);
}

/* Every function that takes a handle: a freed handle, the zero handle,
 * forged handles, handles of a shut-down or freed server. */
static void expect_stale_everywhere(struct rpyo_object h, struct rpyo_object live, int line)
{
    float values[2] = {1.0f, 2.0f};
    size_t n = 0;
    char what[160];
#define STALE(call)                                                                                \
    do {                                                                                           \
        prime_last_error();                                                                        \
        snprintf(what, sizeof what, "%s with handle 0x%016llx (from line %d)", #call,              \
                 (unsigned long long)h.id, line);                                                  \
        check_status((call), RPYO_STATUS_STALE_HANDLE, NULL, what, __LINE__);                      \
    } while (0)
    STALE(rpyo_object_set_float(h, "mul", 0.5));
    STALE(rpyo_object_set_list(h, "mul", values, 2));
    STALE(rpyo_object_set_object(h, "mul", live));
    STALE(rpyo_object_set_object(live, "mul", h));
    STALE(rpyo_object_play(h, 0.0, 0.0));
    STALE(rpyo_object_out(h, 0, 1, 0.0, 0.0));
    STALE(rpyo_object_stop(h, 0.0));
    STALE(rpyo_object_set_stop_delay(h, 0.0));
    STALE(rpyo_object_stream_count(h, &n));
    if (h.id != 0)
        STALE(rpyo_object_free(h));
#undef STALE
}

static void stale_handles(void)
{
    struct rpyo_server *s = new_booted_server();
    struct rpyo_object live = {0}, h = {0}, zero = {0};

    EXPECT_OK(rpyo_object_new(s, "Sine", "", &live));
    EXPECT_OK(rpyo_object_new(s, "Sine", "", &h));
    EXPECT_OK(rpyo_object_free(h));
    expect_stale_everywhere(h, live, __LINE__);
    EXPECT(RPYO_STATUS_STALE_HANDLE, NULL, rpyo_object_free(h)); /* double free */

    /* The slot is reused by the next object; the old handle stays stale. */
    struct rpyo_object again = {0};
    EXPECT_OK(rpyo_object_new(s, "Sine", "", &again));
    CHECK_TRUE(again.id != h.id);
    expect_stale_everywhere(h, live, __LINE__);
    EXPECT_OK(rpyo_object_free(again));

    /* {0} is never valid; freeing it is documented to be ignored. */
    expect_stale_everywhere(zero, live, __LINE__);
    EXPECT_OK(rpyo_object_free(zero));

    /* Right server, wrong slot or generation. */
    struct rpyo_object forged = {live.id ^ 0xFFFFu};
    expect_stale_everywhere(forged, live, __LINE__);
    forged.id = live.id | (0xFFFFFFull << 16);
    expect_stale_everywhere(forged, live, __LINE__);

    /* Random bits. Those that happen to name this server's id and
     * generation (1 in 2^24) are skipped: they could hit a live object. */
    for (int k = 0; k < 2000; k++) {
        struct rpyo_object r = {next_random()};
        if (r.id == 0 || (r.id >> 40) == (live.id >> 40))
            continue;
        expect_stale_everywhere(r, live, __LINE__);
    }

    /* An object of another server, as the source of a parameter. */
    struct rpyo_server *other = new_booted_server();
    struct rpyo_object foreign = {0};
    EXPECT_OK(rpyo_object_new(other, "Sine", "", &foreign));
    EXPECT(RPYO_STATUS_STALE_HANDLE, NULL, rpyo_object_set_object(live, "mul", foreign));

    /* Shutdown deletes every object of the server: once it is booted
     * again, the old handles are stale. (Between shutdown and boot: see
     * stale_after_shutdown.) */
    EXPECT_OK(rpyo_server_shutdown(other));
    EXPECT_OK(rpyo_server_boot(other, true));
    expect_stale_everywhere(foreign, live, __LINE__);

    /* Freeing the server makes its handles stale; so is a handle whose
     * server slot has since been reused by a new server. */
    EXPECT_OK(rpyo_object_new(other, "Sine", "", &foreign));
    rpyo_server_free(other);
    expect_stale_everywhere(foreign, live, __LINE__);
    struct rpyo_server *reused = new_booted_server();
    expect_stale_everywhere(foreign, live, __LINE__);
    rpyo_server_free(reused);

    EXPECT_OK(rpyo_object_free(live));
    rpyo_server_free(s);
}

static void midi(void)
{
    struct rpyo_server *s = new_booted_server();
    uint64_t rejected = 99;

    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "status", rpyo_server_add_midi_event(s, 0, 60, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "status", rpyo_server_add_midi_event(s, 127, 60, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "status", rpyo_server_add_midi_event(s, 256, 60, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "status", rpyo_server_add_midi_event(s, 300, 60, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "status", rpyo_server_add_midi_event(s, -144, 60, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "data1", rpyo_server_add_midi_event(s, 144, 128, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "data1", rpyo_server_add_midi_event(s, 144, -1, 100));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "data2", rpyo_server_add_midi_event(s, 144, 60, 128));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "data2", rpyo_server_add_midi_event(s, 144, 60, INT_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "status", rpyo_server_add_midi_event_at(s, 300, 60, 100, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "data1", rpyo_server_add_midi_event_at(s, 144, 128, 100, 0));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frame", rpyo_server_add_midi_event_at(s, 144, 60, 100, -1));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frame", rpyo_server_add_midi_event_at(s, 144, 60, 100, 256));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frame", rpyo_server_add_midi_event_at(s, 144, 60, 100, INT64_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frame", rpyo_server_add_midi_event_at(s, 144, 60, 100, INT64_MIN));
    EXPECT_OK(rpyo_server_midi_rejected(s, &rejected));
    CHECK_TRUE(rejected == 0); /* invalid events are refused, not counted as queue overflow */

    /* The queue holds 1024 events; the next is refused with QUEUE_FULL and
     * counted. Nothing processes this server, so nothing drains it. */
    EXPECT_OK(rpyo_server_add_midi_event(s, 144, 60, 100));
    EXPECT_OK(rpyo_server_add_midi_event_at(s, 128, 60, 0, 255));
    int accepted = 2;
    enum rpyo_status st = RPYO_STATUS_OK;
    while (accepted < 5000) {
        prime_last_error();
        st = rpyo_server_add_midi_event(s, 176, 7, accepted % 128);
        if (st != RPYO_STATUS_OK)
            break;
        accepted++;
    }
    check_status(st, RPYO_STATUS_QUEUE_FULL, NULL, "rpyo_server_add_midi_event on a full queue", __LINE__);
    CHECK_TRUE(accepted == 1024);
    EXPECT(RPYO_STATUS_QUEUE_FULL, NULL, rpyo_server_add_midi_event_at(s, 144, 60, 100, 3));
    EXPECT_OK(rpyo_server_midi_rejected(s, &rejected));
    CHECK_TRUE(rejected == 2);

    rpyo_server_free(s);
}

/* Calls made from inside the server's own process callback, on the audio
 * thread: a second processing of the same server is BUSY, what would wait
 * for the running block is refused, and rpyo_server_free is refused (and
 * logged) instead of freeing the server under its own feet. */
struct reentry {
    struct rpyo_server *server;
    int try_shutdown; /* see shutdown_in_callback_changes_nothing */
    int calls;
    enum rpyo_status process_block;
    enum rpyo_status process_interleaved;
    enum rpyo_status process_planar;
    enum rpyo_status boot;
    enum rpyo_status shutdown;
    int free_returned;
};

static void reentrant_process(void *user)
{
    struct reentry *r = user;
    float out[2 * 8];
    float *planes[2] = {out, out + 8};
    if (r->calls++ > 0)
        return;
    r->process_block = rpyo_server_process_block(r->server);
    r->process_interleaved = rpyo_server_process_interleaved(r->server, NULL, out, 8);
    r->process_planar = rpyo_server_process_planar(r->server, NULL, planes, 8);
    r->boot = rpyo_server_boot(r->server, true);
    if (r->try_shutdown)
        r->shutdown = rpyo_server_shutdown(r->server);
    rpyo_server_free(r->server);
    r->free_returned = 1;
}

/* Runs one block whose process callback makes the reentrant calls, and
 * checks their statuses and that the server survived, still started. */
static void run_reentrant_block(int try_shutdown)
{
    struct rpyo_server *s = new_booted_server();
    struct reentry r;
    int started = 0;

    memset(&r, 0, sizeof r);
    r.server = s;
    r.try_shutdown = try_shutdown;
    EXPECT_OK(rpyo_server_set_process_callback(s, reentrant_process, &r));
    EXPECT_OK(rpyo_server_start(s));
    int errors_before = log_errors;
    EXPECT_OK(rpyo_server_process_block(s));
    CHECK_TRUE(r.calls == 1);
    check_status(r.process_block, RPYO_STATUS_BUSY, NULL, "rpyo_server_process_block inside the process callback",
                 __LINE__);
    check_status(r.process_interleaved, RPYO_STATUS_BUSY, NULL,
                 "rpyo_server_process_interleaved inside the process callback", __LINE__);
    check_status(r.process_planar, RPYO_STATUS_BUSY, NULL, "rpyo_server_process_planar inside the process callback",
                 __LINE__);
    check_status(r.boot, RPYO_STATUS_INVALID_STATE, NULL, "rpyo_server_boot inside the process callback", __LINE__);
    if (try_shutdown)
        check_status(r.shutdown, RPYO_STATUS_INVALID_STATE, NULL,
                     "rpyo_server_shutdown inside the process callback", __LINE__);
    CHECK_TRUE(r.free_returned == 1);
    /* The refused free says why in rpyo_last_error, and does not log: the
     * log callback never runs on the audio thread. */
    CHECK_TRUE(log_errors == errors_before);

    /* The server survived all that, still started: a refused call changes
     * nothing. */
    EXPECT_OK(rpyo_server_is_started(s, &started));
    CHECK_TRUE(started == 1);
    EXPECT_OK(rpyo_server_process_block(s));
    CHECK_TRUE(r.calls == 2);

    EXPECT_OK(rpyo_server_set_process_callback(s, NULL, NULL));
    rpyo_server_free(s);
}

static void reentrancy(void)
{
    run_reentrant_block(0);
}

/* The embedded callback with ids that name no server. */
static void embedded_ids(void)
{
    struct rpyo_server *s = new_server();
    rpyo_embedded_callback cb = NULL;
    int id = -1;
    EXPECT_OK(rpyo_server_embedded_callback(s, &cb));
    EXPECT_OK(rpyo_server_id(s, &id));
    rpyo_server_free(s);

    static const int bogus[] = {-1, 256, 1000, INT_MAX, INT_MIN};
    for (size_t k = 0; k < sizeof bogus / sizeof bogus[0]; k++) {
        cb(bogus[k]);
        checks++;
    }
    cb(id); /* the id of the server just freed */
    checks++;
}

/* 256 servers at most; the 257th is refused with LIMIT. */
static void server_limit(void)
{
    enum { MAX_SERVERS = 256 };
    static struct rpyo_server *servers[MAX_SERVERS + 1];
    struct rpyo_server_options o = manual_options();
    int made = 0;
    enum rpyo_status st = RPYO_STATUS_OK;

    while (made <= MAX_SERVERS) {
        prime_last_error();
        st = rpyo_server_new(&o, &servers[made]);
        if (st != RPYO_STATUS_OK)
            break;
        made++;
    }
    check_status(st, RPYO_STATUS_LIMIT, NULL, "rpyo_server_new beyond the last server id", __LINE__);
    CHECK_TRUE(made == MAX_SERVERS); /* no other server is alive at this point */
    CHECK_TRUE(servers[made] == NULL);
    for (int k = 0; k < made; k++)
        rpyo_server_free(servers[k]);

    /* Every id is free again. */
    struct rpyo_server *s = NULL;
    EXPECT_OK(rpyo_server_new(&o, &s));
    rpyo_server_free(s);
}

/* ----- regressions -----
 *
 * Bugs this test found once; each function checks what the header promises. */

/* "The status's description (a static string; never NULL)": a value
 * outside the enum, as a C host may pass, crashes inside rpyo_status_str
 * (SIGSEGV: the Rust side matches on an enum value that cannot exist). */
static void status_str_out_of_range(void)
{
    static const int not_statuses[] = {13, 100, -1, INT_MAX};
    for (size_t k = 0; k < sizeof not_statuses / sizeof not_statuses[0]; k++) {
        const char *text = rpyo_status_str(not_statuses[k]);
        CHECK_TRUE(text != NULL && text[0] != '\0');
    }
}

/* A frame count of (size_t)-1 (a host's -1) for the planar calls, or one
 * whose buffer would exceed PTRDIFF_MAX bytes for the interleaved calls,
 * aborts the process (a Rust slice precondition in debug builds; undefined
 * behaviour in release builds) instead of returning INVALID_ARGUMENT as
 * rpyo_server_process_interleaved does for SIZE_MAX. */
static void huge_frame_counts(void)
{
    struct rpyo_server *s = new_booted_server();
    float out32[2 * 16];
    double out64[2 * 16];
    float *planes32[2] = {out32, out32 + 16};
    double *planes64[2] = {out64, out64 + 16};
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frames", rpyo_server_process_planar(s, NULL, planes32, SIZE_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frames", rpyo_server_process_planar_f64(s, NULL, planes64, SIZE_MAX));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frames", rpyo_server_process_interleaved(s, NULL, out32, SIZE_MAX / 2));
    EXPECT(RPYO_STATUS_INVALID_ARGUMENT, "frames",
           rpyo_server_process_interleaved_f64(s, NULL, out64, SIZE_MAX / 2));
    rpyo_server_free(s);
}

/* "Shutdown ... deletes every object (handles become stale)", but until the
 * next boot the setters, play, out and stop of such a handle return
 * INVALID_STATE ("the server is not booted"), a status their documentation
 * does not list, instead of STALE_HANDLE. */
static void stale_after_shutdown(void)
{
    struct rpyo_server *s = new_booted_server();
    struct rpyo_server *other = new_booted_server();
    struct rpyo_object live = {0}, gone = {0};
    EXPECT_OK(rpyo_object_new(s, "Sine", "", &gone));
    EXPECT_OK(rpyo_object_new(other, "Sine", "", &live));
    EXPECT_OK(rpyo_server_shutdown(s));
    expect_stale_everywhere(gone, live, __LINE__);
    EXPECT_OK(rpyo_object_free(live));
    rpyo_server_free(other);
    rpyo_server_free(s);
}

/* rpyo_server_shutdown from inside the process callback returns
 * INVALID_STATE as documented, yet has stopped the server: it clears the
 * started flag before it finds that it cannot go on. */
static void shutdown_in_callback_changes_nothing(void)
{
    run_reentrant_block(1);
}

int main(void)
{
    /* pyo's environment overrides would change which backends boot. */
    if (getenv("PYO_SERVER_AUDIO") != NULL || getenv("PYO_SERVER_MIDI") != NULL) {
        fprintf(stderr, "null_safety: unset PYO_SERVER_AUDIO and PYO_SERVER_MIDI to run this test\n");
        return EXIT_FAILURE;
    }

    /* Before any failure the message is empty, never NULL. */
    const char *initial = rpyo_last_error();
    CHECK_TRUE(initial != NULL && initial[0] == '\0');

    library_info();
    options_and_new();
    null_pointers();
    bad_numbers();
    server_states();
    object_arguments();
    stale_handles();
    midi();
    reentrancy();
    embedded_ids();
    server_limit();

    stale_after_shutdown();
    shutdown_in_callback_changes_nothing();
    status_str_out_of_range();
    huge_frame_counts();

    printf("null_safety: %d checks passed\n", checks);
    return EXIT_SUCCESS;
}
