/* offline_record.c: offline rendering and recording from C.
 *
 * 1. An 'offline' server renders 0.25 s of a Sine to a float32 WAV: start()
 *    returns when the file is complete, holding exactly round(0.25*44100) =
 *    11025 frames (pyo would pad to whole blocks).
 * 2. An 'offline_nb' server renders on a worker thread: start() returns at
 *    once; rpyo_server_wait waits and the done callback reports the frames.
 * 3. An 'embedded' server records what the host receives: recstart, 40
 *    blocks through rpyo_server_process_interleaved, recstop; the file's
 *    samples equal the host's buffers and no frame was lost.
 *
 * Every call's status is checked. The output directory is argv[1] (default
 * "."). Build: cc -std=c11 -Wall -Wextra -Werror -Iinclude \
 *   c-examples/offline_record.c -Ltarget/debug -lrpyo -lm -Wl,-rpath,target/debug */

#include "rpyo.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SR 44100.0
#define BS 256
#define NCHNLS 2

#include "check.h"

static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Reads a float32 WAV's samples (malloc'ed); returns their count. */
static size_t read_wav_f32(const char *path, float **samples)
{
    FILE *f = fopen(path, "rb");
    EXPECT(f != NULL, "cannot open %s", path);
    static unsigned char buf[1 << 22];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    EXPECT(n >= 12 && memcmp(buf, "RIFF", 4) == 0 && memcmp(buf + 8, "WAVE", 4) == 0, "%s: not a WAV", path);
    EXPECT(le32(buf + 4) + 8 == n, "%s: the RIFF size is finalized (%u + 8 vs %zu bytes)", path,
           (unsigned)le32(buf + 4), n);
    size_t pos = 12;
    while (pos + 8 <= n) {
        uint32_t size = le32(buf + pos + 4);
        if (memcmp(buf + pos, "data", 4) == 0) {
            EXPECT(pos + 8 + size <= n, "%s: the data chunk is complete", path);
            size_t count = size / sizeof(float);
            *samples = malloc(count * sizeof(float) + 1);
            EXPECT(*samples != NULL, "out of memory");
            memcpy(*samples, buf + pos + 8, count * sizeof(float));
            return count;
        }
        pos += 8 + size + (size & 1);
    }
    EXPECT(0, "%s: no data chunk", path);
    return 0;
}

static struct rpyo_server *new_server(const char *audio)
{
    struct rpyo_server_options o;
    CHECK(rpyo_server_options_default(&o));
    o.audio = audio;
    o.duplex = 0;
    o.verbosity = 1;
    struct rpyo_server *s = NULL;
    CHECK(rpyo_server_new(&o, &s));
    CHECK(rpyo_server_deactivate_midi(s));
    CHECK(rpyo_server_boot(s, true));
    struct rpyo_object sine;
    CHECK(rpyo_object_new(s, "Sine", "freq=441, mul=0.5", &sine));
    CHECK(rpyo_object_out(sine, 0, 1, 0.0, 0.0));
    return s;
}

struct done_info {
    int calls;
    enum rpyo_status status;
    uint64_t frames;
    int aborted;
};

static void on_done(void *user, enum rpyo_status status, uint64_t frames, int aborted)
{
    struct done_info *d = user;
    d->calls++;
    d->status = status;
    d->frames = frames;
    d->aborted = aborted;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : ".";
    char path[4096];
    float *samples = NULL;
    int started = -1, done = 0;

    /* 1. Blocking offline render. */
    struct rpyo_server *off = new_server("offline");
    snprintf(path, sizeof path, "%s/offline.wav", dir);
    enum rpyo_status st = rpyo_server_start(off);
    EXPECT(st == RPYO_STATUS_INVALID_ARGUMENT && strstr(rpyo_last_error(), "dur"),
           "offline start without a duration is refused: %s", rpyo_last_error());
    CHECK(rpyo_server_record_options(off, 0.25, path, 0, 3, 0.4)); /* WAV, float32 */
    CHECK(rpyo_server_start(off));
    CHECK(rpyo_server_is_started(off, &started));
    EXPECT(started == 0, "start() returned with the file complete");
    size_t n = read_wav_f32(path, &samples);
    EXPECT(n == 11025 * NCHNLS, "offline: %zu samples, want round(0.25*44100) frames", n);
    EXPECT(samples[0] == 0.0f && samples[2 * 100] != 0.0f && samples[2 * 100 + 1] == 0.0f,
           "a Sine on the left channel, ramping in from 0");
    free(samples);
    rpyo_server_free(off);

    /* 2. Non-blocking offline render, waited for. */
    struct rpyo_server *nb = new_server("offline_nb");
    struct done_info info = {0, RPYO_STATUS_OK, 0, 0};
    snprintf(path, sizeof path, "%s/offline_nb.wav", dir);
    CHECK(rpyo_server_record_options(nb, 0.5, path, -1, 3, 0.4)); /* format from ".wav" */
    CHECK(rpyo_server_set_done_callback(nb, on_done, &info));
    CHECK(rpyo_server_start(nb));
    CHECK(rpyo_server_wait(nb, -1, &done));
    EXPECT(done == 1, "wait returns when the render is done");
    CHECK(rpyo_server_is_started(nb, &started));
    EXPECT(started == 0, "not started once done");
    EXPECT(info.calls == 1 && info.status == RPYO_STATUS_OK && info.frames == 22050 && !info.aborted,
           "done callback: %d calls, status %d, %llu frames, aborted %d", info.calls, (int)info.status,
           (unsigned long long)info.frames, info.aborted);
    n = read_wav_f32(path, &samples);
    EXPECT(n == 22050 * NCHNLS, "offline_nb: %zu samples", n);
    free(samples);
    rpyo_server_free(nb);

    /* 3. Recording an embedded server. */
    struct rpyo_server *emb = new_server("embedded");
    snprintf(path, sizeof path, "%s/embedded.wav", dir);
    CHECK(rpyo_server_record_options(emb, -1.0, NULL, 0, 3, 0.4));
    CHECK(rpyo_server_start(emb));
    int recording = 0;
    CHECK(rpyo_server_recstart(emb, path));
    CHECK(rpyo_server_is_recording(emb, &recording));
    EXPECT(recording == 1, "recording after recstart");
    st = rpyo_server_recstart(emb, path);
    EXPECT(st == RPYO_STATUS_INVALID_STATE, "a second recstart is refused");
    static float host[40][BS * NCHNLS];
    for (int b = 0; b < 40; b++)
        CHECK(rpyo_server_process_interleaved(emb, NULL, host[b], BS));
    CHECK(rpyo_server_recstop(emb));
    CHECK(rpyo_server_is_recording(emb, &recording));
    EXPECT(recording == 0, "not recording after recstop");
    uint64_t lost = 1;
    CHECK(rpyo_server_rec_lost_frames(emb, &lost));
    EXPECT(lost == 0, "no frame lost (%llu)", (unsigned long long)lost);
    n = read_wav_f32(path, &samples);
    EXPECT(n == 40 * BS * NCHNLS, "recording: %zu samples", n);
    EXPECT(memcmp(samples, host, n * sizeof(float)) == 0, "the file holds exactly what the host received");
    free(samples);
    st = rpyo_server_recstart(emb, "/nonexistent/dir/x.wav");
    EXPECT(st == RPYO_STATUS_IO && strstr(rpyo_last_error(), "/nonexistent/dir/x.wav"),
           "an unwritable path is named: %s", rpyo_last_error());
    rpyo_server_free(emb);

    printf("offline_record: offline, offline_nb and embedded recording ok\n");
    return 0;
}
