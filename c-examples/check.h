/* check.h: the checks every C example uses. CHECK(call) exits with the
 * status and rpyo_last_error() when an rpyo call fails; EXPECT(cond, fmt,
 * ...) exits with a message when a condition does not hold. Both name the
 * file and line. */
#ifndef RPYO_EXAMPLES_CHECK_H
#define RPYO_EXAMPLES_CHECK_H

#include "rpyo.h"

#include <stdio.h>
#include <stdlib.h>

static void fail_call(const char *file, int line, const char *call, enum rpyo_status status)
{
    fprintf(stderr, "%s:%d: %s failed: %s (status %d): %s\n", file, line, call, rpyo_status_str(status),
            (int)status, rpyo_last_error());
    exit(EXIT_FAILURE);
}

#define CHECK(call)                                                                                \
    do {                                                                                           \
        enum rpyo_status check_status_ = (call);                                                   \
        if (check_status_ != RPYO_STATUS_OK)                                                       \
            fail_call(__FILE__, __LINE__, #call, check_status_);                                   \
    } while (0)

#define EXPECT(cond, ...)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: expected %s: ", __FILE__, __LINE__, #cond);                    \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            exit(EXIT_FAILURE);                                                                    \
        }                                                                                          \
    } while (0)

#endif
