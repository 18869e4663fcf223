/* midi_out.c: a host (a Pd external, a plugin) that forwards rpyo's MIDI
 * output. It registers rpyo_server_set_midi_out_callback, computes blocks
 * with rpyo_server_process_block, and checks every event's bytes, block and
 * frame: notes now and later, channel 0 (all 16 channels), a pitch bend, a
 * sysex message, lists, and makenote's note-off placed by the engine
 * `duration` ms later. Out-of-range values must be refused.
 *
 * Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude \
 *           c-examples/midi_out.c -Ltarget/debug -lrpyo \
 *           -Wl,-rpath,target/debug */

#include "rpyo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SR 48000.0
#define BUFFERSIZE 64
#define BLOCKS 200
#define MAX_EVENTS 256

static void fail_call(const char *call, enum rpyo_status status, int line)
{
    fprintf(stderr, "midi_out.c:%d: %s failed: %s (status %d): %s\n", line, call,
            rpyo_status_str(status), (int)status, rpyo_last_error());
    exit(EXIT_FAILURE);
}

#define CHECK(call)                                                                                \
    do {                                                                                           \
        enum rpyo_status check_status_ = (call);                                                   \
        if (check_status_ != RPYO_STATUS_OK)                                                       \
            fail_call(#call, check_status_, __LINE__);                                             \
    } while (0)

/* A call that must fail with `want`. */
#define REFUSED(call, want)                                                                        \
    do {                                                                                           \
        enum rpyo_status refused_status_ = (call);                                                 \
        if (refused_status_ != (want)) {                                                           \
            fprintf(stderr, "midi_out.c:%d: %s returned %d, expected %d\n", __LINE__, #call,       \
                    (int)refused_status_, (int)(want));                                            \
            exit(EXIT_FAILURE);                                                                    \
        }                                                                                          \
    } while (0)

/* What the host received: the block it came with, the frame, the bytes. */
struct event {
    long block;
    unsigned frame;
    size_t len;
    uint8_t bytes[8];
};

struct host {
    long block; /* the block being computed */
    int count;
    int too_long;
    struct event events[MAX_EVENTS];
};

/* The MIDI output callback: runs on the audio thread, must not block. It
 * only copies the bytes, as a real host would copy them into its outlet
 * or MIDI buffer. */
static void on_midi_out(void *user, const uint8_t *bytes, size_t len, uint32_t frame)
{
    struct host *h = user;
    if (h->count >= MAX_EVENTS || len > sizeof h->events[0].bytes) {
        h->too_long = 1;
        return;
    }
    struct event *e = &h->events[h->count++];
    e->block = h->block;
    e->frame = frame;
    e->len = len;
    memcpy(e->bytes, bytes, len);
}

/* Finds the next event at or after index *from with these bytes. */
static const struct event *expect(const struct host *h, int *from, const uint8_t *bytes, size_t len,
                                  long sample, int line)
{
    for (int i = *from; i < h->count; i++) {
        const struct event *e = &h->events[i];
        if (e->len == len && memcmp(e->bytes, bytes, len) == 0) {
            long at = e->block * BUFFERSIZE + (long)e->frame;
            if (at != sample) {
                fprintf(stderr, "midi_out.c:%d: event %02X %02X at sample %ld (block %ld, frame %u), expected %ld\n",
                        line, bytes[0], len > 1 ? bytes[1] : 0, at, e->block, e->frame, sample);
                exit(EXIT_FAILURE);
            }
            *from = i + 1;
            return e;
        }
    }
    fprintf(stderr, "midi_out.c:%d: event %02X %02X (len %zu) not received\n", line, bytes[0],
            len > 1 ? bytes[1] : 0, len);
    exit(EXIT_FAILURE);
}

#define EXPECT(from, sample, ...)                                                                  \
    do {                                                                                           \
        const uint8_t expect_bytes_[] = {__VA_ARGS__};                                             \
        expect(&host, &(from), expect_bytes_, sizeof expect_bytes_, (sample), __LINE__);           \
    } while (0)

int main(void)
{
    struct rpyo_server_options opt;
    CHECK(rpyo_server_options_default(&opt));
    opt.sr = SR;
    opt.buffersize = BUFFERSIZE;
    opt.duplex = 0;
    opt.audio = "manual";
    opt.verbosity = 1;
    rpyo_server *server = NULL;
    CHECK(rpyo_server_new(&opt, &server));

    static struct host host;
    /* Set before boot: the server hands it to its engine at boot. */
    CHECK(rpyo_server_set_midi_out_callback(server, on_midi_out, &host));
    CHECK(rpyo_server_deactivate_midi(server));
    CHECK(rpyo_server_boot(server, true));
    CHECK(rpyo_server_start(server));

    /* Two blocks first: timestamps count from the start of the next block. */
    for (; host.block < 2; host.block++)
        CHECK(rpyo_server_process_block(server));
    const long t0 = 2 * BUFFERSIZE;

    CHECK(rpyo_server_noteout(server, 60, 100, 1, 0.0));
    CHECK(rpyo_server_ctlout(server, 7, 100, 0, 0.0));         /* channel 0: all 16 */
    CHECK(rpyo_server_bendout(server, 16383, 2, 10.0));        /* 10 ms = 480 samples */
    CHECK(rpyo_server_programout(server, 12, 16, 1.0));        /* 1 ms = 48 samples */
    CHECK(rpyo_server_pressout(server, 33, 4, 0.5));           /* 24 samples */
    CHECK(rpyo_server_afterout(server, 61, 20, 5, 0.0));
    const uint8_t sysex[] = {0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7};
    CHECK(rpyo_server_sysexout(server, sysex, sizeof sysex, 2.0)); /* 96 samples */
    CHECK(rpyo_server_makenote(server, 64, 90, 250.0, 3));     /* off at 12000 samples */
    const int pitches[] = {70, 72, 74};
    const int velocity[] = {80};
    const int channel[] = {6};
    const double times[] = {0.0, 3.0};
    CHECK(rpyo_server_noteout_list(server, pitches, 3, velocity, 1, channel, 1, times, 2));
    const int mk_pitch[] = {40, 41};
    const double mk_dur[] = {20.0, 40.0};
    CHECK(rpyo_server_makenote_list(server, mk_pitch, 2, velocity, 1, mk_dur, 2, channel, 1));

    /* Out of range: refused, nothing sent. */
    REFUSED(rpyo_server_noteout(server, 128, 100, 1, 0.0), RPYO_STATUS_INVALID_ARGUMENT);
    REFUSED(rpyo_server_noteout(server, 60, 100, 17, 0.0), RPYO_STATUS_INVALID_ARGUMENT);
    REFUSED(rpyo_server_noteout(server, 60, 100, 1, -1.0), RPYO_STATUS_INVALID_ARGUMENT);
    REFUSED(rpyo_server_bendout(server, 16384, 1, 0.0), RPYO_STATUS_INVALID_ARGUMENT);
    const uint8_t unframed[] = {0xF0, 0x01, 0x02};
    REFUSED(rpyo_server_sysexout(server, unframed, sizeof unframed, 0.0), RPYO_STATUS_INVALID_ARGUMENT);
    REFUSED(rpyo_server_sysexout(server, NULL, 4, 0.0), RPYO_STATUS_NULL_POINTER);
    REFUSED(rpyo_server_makenote(server, 60, 100, -5.0, 1), RPYO_STATUS_INVALID_ARGUMENT);
    REFUSED(rpyo_server_noteout_list(server, pitches, 0, velocity, 1, channel, 1, times, 2),
            RPYO_STATUS_INVALID_ARGUMENT);
    REFUSED(rpyo_server_noteout(NULL, 60, 100, 1, 0.0), RPYO_STATUS_NULL_POINTER);

    uint64_t pending = 0;
    CHECK(rpyo_server_midi_out_pending(server, &pending));
    /* 1 + 16 + 1 + 1 + 1 + 1 + 1 + 2 (makenote) + 3 + 4 (two makenotes) */
    if (pending != 31) {
        fprintf(stderr, "midi_out.c: %llu events pending, expected 31\n", (unsigned long long)pending);
        return EXIT_FAILURE;
    }

    for (; host.block < BLOCKS; host.block++)
        CHECK(rpyo_server_process_block(server));
    if (host.too_long) {
        fprintf(stderr, "midi_out.c: more events than expected\n");
        return EXIT_FAILURE;
    }

    /* Each event at its exact sample: block * BUFFERSIZE + frame. Events
     * at one frame come in the order they were sent. */
    int i = 0;
    EXPECT(i, t0, 0x90, 60, 100);
    for (uint8_t c = 0; c < 16; c++)
        EXPECT(i, t0, 0xB0 | c, 7, 100);
    i = 0;
    EXPECT(i, t0, 0xA4, 61, 20);
    EXPECT(i, t0, 0x92, 64, 90);
    EXPECT(i, t0, 0x95, 70, 80);
    EXPECT(i, t0, 0x95, 74, 80);
    EXPECT(i, t0, 0x95, 40, 80);
    EXPECT(i, t0, 0x95, 41, 80);
    EXPECT(i, t0 + 24, 0xD3, 33);
    EXPECT(i, t0 + 48, 0xCF, 12);
    EXPECT(i, t0 + 96, 0xF0, 0x7E, 0x7F, 0x09, 0x01, 0xF7);
    EXPECT(i, t0 + 144, 0x95, 72, 80);
    EXPECT(i, t0 + 480, 0xE1, 0x7F, 0x7F);
    EXPECT(i, t0 + 960, 0x95, 40, 0);
    EXPECT(i, t0 + 1920, 0x95, 41, 0);
    EXPECT(i, t0 + 12000, 0x92, 64, 0);
    if (host.count != 31) {
        fprintf(stderr, "midi_out.c: %d events received, expected 31\n", host.count);
        return EXIT_FAILURE;
    }
    /* makenote's note-off: 250 ms at 48 kHz after block 2 is sample 12128,
     * block 189, frame 32. */
    const struct event *last = &host.events[host.count - 1];
    if (last->block != 189 || last->frame != 32) {
        fprintf(stderr, "midi_out.c: note-off in block %ld frame %u, expected 189, 32\n", last->block,
                last->frame);
        return EXIT_FAILURE;
    }

    CHECK(rpyo_server_midi_out_pending(server, &pending));
    CHECK(rpyo_server_set_midi_out_callback(server, NULL, NULL));
    rpyo_server_free(server);
    printf("midi_out: %d events, each at its frame; last note-off at block %ld frame %u\n", host.count,
           last->block, last->frame);
    return EXIT_SUCCESS;
}
